/**
 * API keys, stored hashed (sha-256 hex of the full key). Minimal: insert, look
 * up by hash, list, revoke. Key generation, hashing and roles live with auth.
 */
import type { Kysely } from 'kysely';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { ApiKeyRow, Database } from './schema.js';
import { isUniqueViolation } from './store-errors.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  prefix: string;
  role: string;
  rpm: number | null;
  tpm: number | null;
  budgetMicros: number | null;
  budgetPeriod: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface KeysRepo {
  /** Throws ShipgateError(BadRequest) when the name (or hash) is already taken. */
  insert(key: ApiKeyRecord): Promise<void>;
  /** The key with this hash, revoked or not (callers check `revokedAt`); null if unknown. */
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** Every key, revoked ones included, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** Revokes the key whose name or id is `nameOrId`; false if none is active under it. */
  revoke(nameOrId: string, now?: number): Promise<boolean>;
}

export function createKeysRepo(db: Kysely<Database>): KeysRepo {
  return {
    async insert(key) {
      try {
        await db.insertInto('api_keys').values(toRow(key)).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new ShipgateError(
          ErrorCode.BadRequest,
          `an API key named "${key.name}" (or with the same id or key) already exists: choose another name`,
          { cause: error },
        );
      }
    },

    async findByHash(keyHash) {
      const row = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', keyHash)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },

    async list() {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('name')
        .execute();
      return rows.map(fromRow);
    },

    async revoke(nameOrId, now = Date.now()) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: now })
        .where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

function toRow(key: ApiKeyRecord): ApiKeyRow {
  return {
    id: key.id,
    name: key.name,
    key_hash: key.keyHash,
    prefix: key.prefix,
    role: key.role,
    rpm: key.rpm,
    tpm: key.tpm,
    budget_micros: key.budgetMicros,
    budget_period: key.budgetPeriod,
    created_at: key.createdAt,
    revoked_at: key.revokedAt,
  };
}

function fromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    prefix: row.prefix,
    role: row.role,
    rpm: row.rpm,
    tpm: row.tpm,
    budgetMicros: row.budget_micros,
    budgetPeriod: row.budget_period,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

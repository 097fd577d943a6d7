/**
 * Idempotency-Key (IETF httpapi draft, Stripe's model): a key is scoped to the
 * API key that sent it and remembered with the sha-256 of the request body for a
 * TTL (24 h by default). The same key and body replay the stored answer; another
 * body is 422; a request still in progress is 409. Errors are not stored: the
 * client may retry them with the same key.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { Db } from './jobs-repo.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotencyScope {
  /** API key id, or `local`. */
  scope: string;
  key: string;
  bodyHash: string;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** The header's key (a structured-field string `"…"` or a bare token); null when absent. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  const key = /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (!keyPattern.test(key))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'Idempotency-Key must be 1-255 printable ASCII characters without spaces, e.g. Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"',
    );
  return key;
}

/** sha-256 of the body's canonical JSON (key order does not matter). */
export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

type Begin = { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer };

/** Claims the key (pending) or explains why not: replay, 422 or 409. */
export async function beginIdempotent(
  db: Db,
  id: IdempotencyScope,
  now: number,
  ttlMs: number,
): Promise<Begin> {
  for (let tries = 0; tries < 2; tries += 1) {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({
        scope: id.scope,
        key: id.key,
        body_hash: id.bodyHash,
        state: 'pending',
        status_code: null,
        response: null,
        created_at: now,
        expires_at: now + ttlMs,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return { kind: 'new' };
    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', id.scope)
      .where('key', '=', id.key)
      .executeTakeFirst();
    if (row === undefined) continue; // finished with an error and released meanwhile
    if (row.expires_at <= now) {
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', id.scope)
        .where('key', '=', id.key)
        .where('expires_at', '<=', now)
        .execute();
      continue;
    }
    if (row.body_hash !== id.bodyHash)
      throw new ShipgateError(
        ErrorCode.Unprocessable,
        `Idempotency-Key "${id.key}" was already used with a different request body; use a new key for a new request`,
      );
    if (row.state !== 'done' || row.status_code === null)
      throw new ShipgateError(
        ErrorCode.Conflict,
        `a request with Idempotency-Key "${id.key}" is still in progress; retry once it has finished`,
        { retryable: true, retryAfterMs: 1_000 },
      );
    return {
      kind: 'replay',
      answer: { status: row.status_code, body: JSON.parse(row.response ?? 'null') as unknown },
    };
  }
  throw new ShipgateError(
    ErrorCode.Conflict,
    `Idempotency-Key "${id.key}" is changing under concurrent requests; retry`,
    { retryable: true, retryAfterMs: 1_000 },
  );
}

export async function completeIdempotent(
  db: Db,
  id: IdempotencyScope,
  answer: StoredAnswer,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: answer.status, response: JSON.stringify(answer.body) })
    .where('scope', '=', id.scope)
    .where('key', '=', id.key)
    .execute();
}

/** Forgets a pending key whose request failed, so the client may retry it. */
export async function releaseIdempotent(db: Db, id: IdempotencyScope): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', id.scope)
    .where('key', '=', id.key)
    .where('state', '=', 'pending')
    .execute();
}

/**
 * Runs `fn` at most once per key. `atomic`: key, work and answer commit in one
 * transaction (job submission: a crash leaves nothing half-done). Otherwise the
 * pending key is committed first and the work runs outside a transaction (a
 * synchronous generation that takes minutes).
 */
export async function runIdempotent(
  db: Db,
  id: IdempotencyScope | null,
  options: { now: number; ttlMs: number; atomic: boolean },
  fn: (db: Db) => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  if (id === null) return { ...(await fn(db)), replayed: false };
  if (options.atomic) {
    return db.transaction().execute(async (trx) => {
      const begun = await beginIdempotent(trx, id, options.now, options.ttlMs);
      if (begun.kind === 'replay') return { ...begun.answer, replayed: true };
      const answer = await fn(trx);
      await completeIdempotent(trx, id, answer);
      return { ...answer, replayed: false };
    });
  }
  const begun = await beginIdempotent(db, id, options.now, options.ttlMs);
  if (begun.kind === 'replay') return { ...begun.answer, replayed: true };
  try {
    const answer = await fn(db);
    await completeIdempotent(db, id, answer);
    return { ...answer, replayed: false };
  } catch (error) {
    await releaseIdempotent(db, id).catch(() => undefined);
    throw error;
  }
}

/** Drops keys past their TTL. */
export async function purgeExpiredKeys(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

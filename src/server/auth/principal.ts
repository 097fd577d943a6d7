import type { ApiKeyRecord } from '../../store/keys-repo.js';
import { isBudgetPeriod, type BudgetPeriod } from './period.js';
import { isRole, type Role } from './roles.js';

/** The authenticated caller: one API key, its role and limits. Never holds the key itself. */
export interface Principal {
  keyId: string;
  /** The key's unique name; usage records use it as `caller`. */
  name: string;
  role: Role;
  /** Display prefix (`sg-` + 8 characters). */
  prefix: string;
  /** Requests per minute, or null for no limit. */
  rpm: number | null;
  /** Tokens per minute, or null for no limit. */
  tpm: number | null;
  /** Spend allowed per period, in micro-dollars, or null for no budget. */
  budgetMicros: number | null;
  budgetPeriod: BudgetPeriod | null;
}

/** A key as listed (`keys list`, `createKey`): everything but the hash. */
export type KeyInfo = Omit<ApiKeyRecord, 'keyHash'>;

export function toKeyInfo(record: ApiKeyRecord): KeyInfo {
  const { keyHash: _hash, ...info } = record;
  return info;
}

/** The principal of a stored key; null when its role or period is not one we know (fail closed). */
export function principalOf(record: ApiKeyRecord): Principal | null {
  if (!isRole(record.role)) return null;
  const period = record.budgetPeriod;
  if (period !== null && !isBudgetPeriod(period)) return null;
  return {
    keyId: record.id,
    name: record.name,
    role: record.role,
    prefix: record.prefix,
    rpm: record.rpm,
    tpm: record.tpm,
    budgetMicros: record.budgetMicros,
    budgetPeriod: period,
  };
}

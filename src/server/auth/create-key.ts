/**
 * Creating an API key: validate the request, generate 32 random bytes, store
 * only the SHA-256 hash and a display prefix. The key is returned once.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { KeysRepo } from '../../store/keys-repo.js';
import { displayPrefix, generateApiKey, hashApiKey } from './key-format.js';
import { isBudgetPeriod, type BudgetPeriod } from './period.js';
import { toKeyInfo, type KeyInfo } from './principal.js';
import { isRole, roles, type Role } from './roles.js';

export interface CreateKeyInput {
  name: string;
  role: Role;
  rpm?: number;
  tpm?: number;
  budgetUsd?: number;
  budgetPeriod?: BudgetPeriod;
}

export interface CreatedKey {
  /** The full key, `sg-…`: shown once, never stored. */
  key: string;
  record: KeyInfo;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function badRequest(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.BadRequest, message);
}

/** Throws BadRequest naming the first invalid field of `input`. */
export function validateKeyInput(input: CreateKeyInput): void {
  if (!NAME_PATTERN.test(input.name)) {
    throw badRequest(
      `key name "${input.name}" is invalid: use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit`,
    );
  }
  if (!isRole(input.role)) {
    throw badRequest(`unknown role "${String(input.role)}": use one of ${roles.join(', ')}`);
  }
  for (const field of ['rpm', 'tpm'] as const) {
    const value = input[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
      throw badRequest(`${field} must be a positive whole number (got ${value})`);
    }
  }
  const { budgetUsd, budgetPeriod } = input;
  if ((budgetUsd === undefined) !== (budgetPeriod === undefined)) {
    throw badRequest(
      'a budget needs both an amount (budget-usd) and a period (budget-period: day or month)',
    );
  }
  if (
    budgetUsd !== undefined &&
    (!Number.isFinite(budgetUsd) || budgetUsd <= 0 || budgetUsd > 1e9)
  ) {
    throw badRequest(`budget-usd must be a positive amount of dollars (got ${budgetUsd})`);
  }
  if (budgetPeriod !== undefined && !isBudgetPeriod(budgetPeriod)) {
    throw badRequest(`budget-period must be day or month (got "${String(budgetPeriod)}")`);
  }
}

/** Validates, generates and stores a key. Throws BadRequest for invalid input or a taken name. */
export async function createApiKey(
  keys: Pick<KeysRepo, 'insert'>,
  input: CreateKeyInput,
  now: number,
): Promise<CreatedKey> {
  validateKeyInput(input);
  const key = generateApiKey();
  const record = {
    id: randomUUID(),
    name: input.name,
    keyHash: hashApiKey(key),
    prefix: displayPrefix(key),
    role: input.role,
    rpm: input.rpm ?? null,
    tpm: input.tpm ?? null,
    budgetMicros: input.budgetUsd === undefined ? null : Math.round(input.budgetUsd * 1e6),
    budgetPeriod: input.budgetPeriod ?? null,
    createdAt: now,
    revokedAt: null,
  };
  await keys.insert(record);
  return { key, record: toKeyInfo(record) };
}

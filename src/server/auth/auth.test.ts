import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { UsageRecord } from '../../gateway/usage-record.js';
import { openStore, type Store } from '../../store/store.js';
import { createAuth, type Auth } from './auth.js';
import type { Principal } from './principal.js';
import type { AuthPort } from '../ports.js';
import { permissions, rolePermissions, roles } from './roles.js';

// 2025-03-14T10:00:00Z
const NOON = Date.UTC(2025, 2, 14, 10, 0, 0);

let dir: string;
let store: Store;
let clock: { t: number; now(): number };
let warnings: Array<{ fields: Record<string, unknown>; message: string }>;
let auth: Auth;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipgate-auth-'));
  store = await openStore(`sqlite:${join(dir, 'auth.db')}`);
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await store.db.deleteFrom('api_keys').execute();
  await store.db.deleteFrom('usage').execute();
  clock = {
    t: NOON,
    now() {
      return this.t;
    },
  };
  warnings = [];
  auth = createAuth({
    store,
    clock,
    logger: { warn: (fields, message) => warnings.push({ fields, message }) },
  });
});

function thrown(fn: () => unknown): ShipgateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ShipgateError);
    return error as ShipgateError;
  }
  return expect.fail('expected a ShipgateError');
}

async function rejected(promise: Promise<unknown>): Promise<ShipgateError> {
  const error: unknown = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShipgateError);
  return error as ShipgateError;
}

function usage(id: string, caller: string, startedAt: number, costMicros: number): UsageRecord {
  return {
    id,
    startedAt,
    provider: 'p',
    model: 'm',
    task: 'chat',
    caller,
    attempts: 1,
    cacheHit: false,
    status: 'ok',
    latencyMs: 1,
    ttftMs: 1,
    inputTokens: 1,
    outputTokens: 1,
    cachedInputTokens: 0,
    costMicros,
    estimated: false,
  };
}

describe('keys', () => {
  it('createKey returns the key once and stores only its sha-256 hash and a prefix', async () => {
    const { key, record } = await auth.createKey({ name: 'alice', role: 'developer', rpm: 10 });
    expect(key).toMatch(/^sg-[A-Za-z0-9_-]{43}$/);
    expect(record).not.toHaveProperty('keyHash');
    expect(record).toMatchObject({ name: 'alice', role: 'developer', rpm: 10, tpm: null });
    expect(key.startsWith(record.prefix)).toBe(true);
    const [row] = await store.db.selectFrom('api_keys').selectAll().execute();
    expect(row?.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(3));
  });

  it('rejects invalid input and duplicate names with BadRequest', async () => {
    await auth.createKey({ name: 'dup', role: 'ci' });
    for (const input of [
      { name: 'dup', role: 'ci' as const },
      { name: '', role: 'ci' as const },
      { name: 'x', role: 'root' as never },
      { name: 'x', role: 'ci' as const, rpm: 0 },
      { name: 'x', role: 'ci' as const, budgetUsd: 5 },
      { name: 'x', role: 'ci' as const, budgetUsd: -1, budgetPeriod: 'day' as const },
    ]) {
      expect((await rejected(auth.createKey(input))).code).toBe(ErrorCode.BadRequest);
    }
  });

  it('enabled() turns on with the first key and stays on when every key is revoked', async () => {
    expect(await auth.enabled()).toBe(false);
    await auth.createKey({ name: 'a', role: 'admin' });
    expect(await auth.enabled()).toBe(true);
    expect(await auth.revokeKey('a')).toBe(true);
    expect(await auth.enabled()).toBe(true);
    clock.t += 60_000;
    expect(await auth.enabled()).toBe(true);
    const fresh = createAuth({ store, clock }); // another process, after the revocation
    expect(await fresh.enabled()).toBe(true);
    expect(thrown(() => fresh.authorize(null, 'models')).code).toBe(ErrorCode.Unauthorized);
  });

  it('enabled() is true from the start with required, and when the store cannot say', async () => {
    expect(await createAuth({ store, clock, required: true }).enabled()).toBe(true);
    const broken = {
      ...store,
      keys: { ...store.keys, list: () => Promise.reject(new Error('connection refused')) },
    };
    const closed = createAuth({ store: broken, clock });
    expect(await closed.enabled()).toBe(true);
    expect(thrown(() => closed.authorize(null, 'models')).code).toBe(ErrorCode.Unauthorized);
  });
});

describe('authenticate', () => {
  it('accepts Bearer and x-api-key, returns null when no key is sent', async () => {
    const { key } = await auth.createKey({ name: 'bob', role: 'ci' });
    expect(await auth.authenticate(`Bearer ${key}`)).toMatchObject({ name: 'bob', role: 'ci' });
    expect(await auth.authenticate(undefined, key)).toMatchObject({ name: 'bob' });
    expect(await auth.authenticate(undefined, undefined)).toBeNull();
    expect(await auth.authenticate('', '')).toBeNull();
  });

  it('throws Unauthorized for malformed, unknown and revoked keys', async () => {
    const { key } = await auth.createKey({ name: 'carol', role: 'viewer' });
    const other = `sg-${'A'.repeat(43)}`;
    for (const [authz, x] of [
      ['Bearer sk-openai', undefined],
      ['Basic abc', undefined],
      [undefined, 'not-a-key'],
      [`Bearer ${other}`, undefined],
      [`Bearer ${key}x`, undefined],
    ] as const) {
      expect((await rejected(auth.authenticate(authz, x))).code).toBe(ErrorCode.Unauthorized);
    }
    await auth.authenticate(`Bearer ${key}`);
    expect(await auth.revokeKey('carol')).toBe(true);
    const error = await rejected(auth.authenticate(`Bearer ${key}`));
    expect(error.code).toBe(ErrorCode.Unauthorized);
    expect(error.message).toContain('revoked');
  });

  it('caches verified keys for the TTL: a revocation elsewhere applies once it expires', async () => {
    const { key } = await auth.createKey({ name: 'dave', role: 'developer' });
    await auth.authenticate(`Bearer ${key}`);
    await store.keys.revoke('dave'); // another process
    await expect(auth.authenticate(`Bearer ${key}`)).resolves.toMatchObject({ name: 'dave' });
    clock.t += 5_000;
    expect((await rejected(auth.authenticate(`Bearer ${key}`))).code).toBe(ErrorCode.Unauthorized);
  });
});

describe('authorize', () => {
  it('grants exactly the role table, and Forbidden names role and permission', async () => {
    const expected: Record<string, string[]> = {
      admin: [...permissions],
      developer: ['models', 'inference', 'generate', 'validate', 'feedback', 'usage', 'jobs'],
      ci: ['models', 'inference', 'generate', 'validate', 'feedback', 'jobs'],
      viewer: ['models', 'usage', 'audit', 'metrics', 'jobs'],
    };
    expect(rolePermissions).toEqual(expected);
    for (const role of roles) {
      const { key } = await auth.createKey({ name: `k-${role}`, role });
      const principal = await auth.authenticate(`Bearer ${key}`);
      for (const permission of permissions) {
        if (expected[role]?.includes(permission)) {
          expect(() => auth.authorize(principal, permission)).not.toThrow();
        } else {
          const error = thrown(() => auth.authorize(principal, permission));
          expect(error.code).toBe(ErrorCode.Forbidden);
          expect(error.details).toEqual({ role, permission });
        }
      }
    }
  });

  it('lets a keyless request through only when enabled() said no key exists', async () => {
    expect(thrown(() => auth.authorize(null, 'models')).code).toBe(ErrorCode.Unauthorized);
    expect(await auth.enabled()).toBe(false);
    expect(() => auth.authorize(null, 'audit')).not.toThrow();
    await auth.createKey({ name: 'first', role: 'admin' });
    expect(await auth.enabled()).toBe(true);
    expect(thrown(() => auth.authorize(null, 'models')).code).toBe(ErrorCode.Unauthorized);
  });
});

describe('admit: rate limits', () => {
  it('refuses the request over rpm with when to retry, and admits again later', async () => {
    const { key } = await auth.createKey({ name: 'r', role: 'ci', rpm: 3 });
    const p = (await auth.authenticate(`Bearer ${key}`))!;
    for (let i = 0; i < 3; i += 1) auth.admit(p, 0);
    const error = thrown(() => auth.admit(p, 0));
    expect(error.code).toBe(ErrorCode.RateLimited);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.details?.resetAt).toBe(new Date(NOON + error.retryAfterMs!).toISOString());
    clock.t += error.retryAfterMs! - 1;
    expect(thrown(() => auth.admit(p, 0)).code).toBe(ErrorCode.RateLimited);
    clock.t += 1;
    expect(() => auth.admit(p, 0)).not.toThrow();
    expect(auth.stats().rateLimitRejections).toBe(2);
  });

  it('counts recorded tokens against tpm; an estimate alone over tpm is never admitted', async () => {
    const { key } = await auth.createKey({ name: 't', role: 'ci', tpm: 1000 });
    const p = (await auth.authenticate(`Bearer ${key}`))!;
    auth.admit(p, 600);
    auth.record(p, 700, 0);
    auth.admit(p, 300);
    const error = thrown(() => auth.admit(p, 301));
    expect(error.code).toBe(ErrorCode.RateLimited);
    expect(error.details).toMatchObject({ limit: 'tpm', max: 1000 });
    const tooBig = thrown(() => auth.admit(p, 1001));
    expect(tooBig.isRetryable).toBe(false);
    clock.t += 120_000;
    expect(() => auth.admit(p, 1000)).not.toThrow();
  });

  it("a principal without limit fields (the server's local principal) is never limited", () => {
    const local = { keyId: 'local', name: 'local', role: 'admin' } as unknown as Principal;
    for (let i = 0; i < 5; i += 1) {
      auth.admit(local, 1e9);
      auth.record(local, 1e9, 1e9);
    }
    expect(auth.stats()).toMatchObject({ rateLimitRejections: 0, budgetRejections: 0 });
  });

  it('keys are limited independently', async () => {
    const a = (await auth.authenticate(
      `Bearer ${(await auth.createKey({ name: 'a', role: 'ci', rpm: 1 })).key}`,
    ))!;
    const b = (await auth.authenticate(
      `Bearer ${(await auth.createKey({ name: 'b', role: 'ci', rpm: 1 })).key}`,
    ))!;
    auth.admit(a, 0);
    auth.admit(b, 0);
    expect(thrown(() => auth.admit(a, 0)).code).toBe(ErrorCode.RateLimited);
  });
});

describe('admit: budgets', () => {
  it('loads this period spend from usage, stops at the budget, resets at the next UTC day', async () => {
    const dayStart = Date.UTC(2025, 2, 14);
    await store.usage.insertMany([
      usage('before', 'spender', dayStart - 1, 5_000_000), // yesterday: not counted
      usage('today-1', 'spender', dayStart, 600_000),
      usage('today-2', 'spender', dayStart + 3_600_000, 200_000),
      usage('other', 'someone-else', dayStart + 1, 5_000_000),
    ]);
    const { key } = await auth.createKey({
      name: 'spender',
      role: 'developer',
      budgetUsd: 1,
      budgetPeriod: 'day',
    });
    const p = (await auth.authenticate(`Bearer ${key}`))!;
    expect(warnings).toHaveLength(1); // 0.8 of $1 already spent
    expect(warnings[0]?.fields).toMatchObject({ key: 'spender', spentMicros: 800_000 });
    expect(auth.stats().softBudgetCrossings).toBe(1);
    auth.admit(p, 10);
    auth.record(p, 10, 199_999);
    auth.admit(p, 10);
    auth.record(p, 10, 1);
    const error = thrown(() => auth.admit(p, 10));
    expect(error.code).toBe(ErrorCode.BudgetExceeded);
    const resetAt = Date.UTC(2025, 2, 15);
    expect(error.details).toMatchObject({
      resetAt: new Date(resetAt).toISOString(),
      retryAfterMs: resetAt - NOON,
    });
    expect(error.retryAfterMs).toBe(resetAt - NOON);
    expect(warnings).toHaveLength(1); // logged once per period
    clock.t = resetAt;
    expect(() => auth.admit(p, 10)).not.toThrow();
  });

  it('monthly budgets reset at the first of the next month and warn once per period', async () => {
    const { key } = await auth.createKey({
      name: 'm',
      role: 'ci',
      budgetUsd: 0.001,
      budgetPeriod: 'month',
    });
    const p = (await auth.authenticate(`Bearer ${key}`))!;
    auth.record(p, 0, 800);
    auth.record(p, 0, 100);
    expect(auth.stats().softBudgetCrossings).toBe(1);
    auth.record(p, 0, 100);
    const error = thrown(() => auth.admit(p, 0));
    expect(error.details?.resetAt).toBe('2025-04-01T00:00:00.000Z');
    clock.t = Date.UTC(2025, 3, 1);
    auth.admit(p, 0);
    auth.record(p, 0, 900);
    expect(auth.stats().softBudgetCrossings).toBe(2);
    expect(auth.stats().budgetRejections).toBe(1);
  });
});

it("implements the server's AuthPort", () => {
  const port: AuthPort = auth;
  expect(typeof port.admit).toBe('function');
});

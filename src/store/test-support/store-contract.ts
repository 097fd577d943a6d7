/**
 * The store contract: the same behaviour on every backend. `storeContract` is
 * called inside a describe block with a factory that provides a fresh, empty
 * database URL (a temp SQLite file, a throwaway Postgres database).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../keys-repo.js';
import { migrationsFor } from '../migrations/index.js';
import { openStore } from '../store.js';
import type { Store } from '../store.js';
import { usageContract } from './usage-contract.js';

export interface StoreTarget {
  url: string;
  dispose(): Promise<void>;
}

export interface ContractContext {
  store(): Store;
  url(): string;
}

export function storeContract(kind: Store['kind'], factory: () => Promise<StoreTarget>): void {
  let target: StoreTarget | undefined;
  let store: Store | undefined;
  const ctx: ContractContext = {
    store: () => store ?? expect.fail('store not opened'),
    url: () => target?.url ?? expect.fail('no target'),
  };

  beforeAll(async () => {
    target = await factory();
    store = await openStore(target.url);
  });
  afterAll(async () => {
    await store?.close();
    await target?.dispose();
  });
  beforeEach(async () => {
    const db = ctx.store().db;
    await db.deleteFrom('usage').execute();
    await db.deleteFrom('cache_entries').execute();
    await db.deleteFrom('api_keys').execute();
  });

  it('opens the expected backend and answers ping', async () => {
    expect(ctx.store().kind).toBe(kind);
    await expect(ctx.store().ping()).resolves.toBeUndefined();
  });

  it('reopening runs no migration twice and keeps the data', async () => {
    await ctx.store().cache.set('survivor', '"v"', 2_000, 1_000);
    const second = await openStore(ctx.url());
    try {
      expect(await second.cache.get('survivor', 1_500)).toBe('"v"');
      const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(
        second.db,
      );
      // Each migration recorded exactly once, in order.
      expect(rows.map((r) => r.name)).toEqual(Object.keys(migrationsFor(kind)).sort());
    } finally {
      await second.close();
    }
    await second.close(); // closing twice is harmless
    await ctx.store().ping(); // the first store is unaffected
  });

  it('creates every table of migration 0001', async () => {
    const db = ctx.store().db;
    await db
      .insertInto('audit_log')
      .values([1, 2].map((n) => auditRow(n)))
      .execute();
    const audit = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute();
    expect(audit.map((r) => r.hash)).toEqual(['h1', 'h2']);
    expect(audit[1]!.seq).toBeGreaterThan(audit[0]!.seq);
    const job = { kind: 'generate', state: 'queued', payload: '{}', attempts: 0 };
    const times = { created_at: 1, updated_at: 1 };
    await db
      .insertInto('jobs')
      .values([
        { id: 'j1', idempotency_key: null, ...job, ...times },
        { id: 'j2', idempotency_key: null, ...job, ...times },
        { id: 'j3', idempotency_key: 'k', ...job, ...times },
      ])
      .execute();
    await expect(
      db
        .insertInto('jobs')
        .values({ id: 'j4', idempotency_key: 'k', ...job, ...times })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('jobs').execute();
    await db.deleteFrom('audit_log').execute();
  });

  it('cache: get/set/upsert/expiry/deleteExpired', async () => {
    const cache = ctx.store().cache;
    expect(await cache.get('missing', 0)).toBeNull();
    await cache.set('a', '{"n":1}', 1_000, 0);
    await cache.set('b', '{"n":2}', 2_000, 0);
    await cache.set('c', '{"n":3}', 3_000, 0);
    expect(await cache.get('a', 999)).toBe('{"n":1}');
    expect(await cache.get('a', 1_000)).toBeNull(); // expires_at <= now is expired
    await cache.set('a', '{"n":10}', 5_000, 1_000); // upsert revives and replaces
    expect(await cache.get('a', 4_999)).toBe('{"n":10}');
    expect(await cache.deleteExpired(2_000)).toBe(1); // only b
    expect(await cache.get('c', 2_000)).toBe('{"n":3}');
    expect(await cache.deleteExpired(10_000)).toBe(2);
    expect(await cache.deleteExpired(10_000)).toBe(0);
    expect(await cache.get('a', 0)).toBeNull();
  });

  it('keys: insert, findByHash, list, revoke by name or id', async () => {
    const keys = ctx.store().keys;
    const ci = apiKey('k1', 'ci-bot', 'a'.repeat(64), 10);
    const dev = { ...apiKey('k2', 'dev', 'b'.repeat(64), 20), rpm: 60, tpm: 100_000 };
    const big = { ...apiKey('k3', 'big', 'c'.repeat(64), 30), budgetMicros: 2 ** 45 + 1 };
    for (const key of [dev, ci, { ...big, budgetPeriod: 'month' }]) await keys.insert(key);
    expect(await keys.findByHash('b'.repeat(64))).toEqual(dev);
    expect(await keys.findByHash('d'.repeat(64))).toBeNull();
    expect((await keys.list()).map((k) => k.name)).toEqual(['ci-bot', 'dev', 'big']);
    expect((await keys.findByHash('c'.repeat(64)))?.budgetMicros).toBe(2 ** 45 + 1);

    await expect(keys.insert({ ...ci, id: 'k9', keyHash: 'e'.repeat(64) })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(await keys.revoke('ci-bot', 500)).toBe(true);
    expect(await keys.revoke('ci-bot', 600)).toBe(false); // already revoked
    expect(await keys.revoke('k2', 700)).toBe(true);
    expect(await keys.revoke('nope')).toBe(false);
    expect((await keys.findByHash('a'.repeat(64)))?.revokedAt).toBe(500);
    expect((await keys.findByHash('b'.repeat(64)))?.revokedAt).toBe(700);
    expect((await keys.findByHash('c'.repeat(64)))?.revokedAt).toBeNull();
  });

  usageContract(ctx);
}

function apiKey(id: string, name: string, keyHash: string, createdAt: number): ApiKeyRecord {
  return {
    id,
    name,
    keyHash,
    prefix: `sg-${name.slice(0, 4)}`,
    role: 'developer',
    rpm: null,
    tpm: null,
    budgetMicros: null,
    budgetPeriod: null,
    createdAt,
    revokedAt: null,
  };
}

function auditRow(n: number) {
  const detail = JSON.stringify({ n });
  const base = { at: n, actor: 'admin', action: 'keys.create', route: null, model: null };
  return { ...base, detail, prev_hash: `h${n - 1}`, hash: `h${n}` };
}

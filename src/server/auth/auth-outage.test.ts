/**
 * Issue 9.3: auth survives a store outage. The store is made really unavailable (a
 * closed SQLite handle, a closed Postgres pool): keys verified recently keep working
 * for the stale window, every other key gets 503 store_unavailable, a request without
 * a key 401 — never open. Before the fix every request read the store: a blip was a 500.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { openStore, type Store } from '../../store/store.js';
import { createTestDatabase, probePostgres } from '../../store/test-support/postgres.js';
import { createAuth } from './auth.js';

const pgAdminUrl =
  process.env.SHIPGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pgProbe = await probePostgres(pgAdminUrl);
const dir = await mkdtemp(join(tmpdir(), 'shipgate-auth-outage-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<ShipgateError> {
  const error: unknown = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShipgateError);
  return error as ShipgateError;
}

/** Two keys verified, one never seen; then the store goes away under auth. */
async function outageScenario(store: Store): Promise<void> {
  const clock = { t: 1_000_000, now: () => clock.t };
  const auth = createAuth({ store, clock, keyCacheTtlMs: 5_000, keyStaleMs: 60_000 });
  const seen = await auth.createKey({
    name: 'seen',
    role: 'ci',
    budgetUsd: 5,
    budgetPeriod: 'day',
  });
  const unseen = await auth.createKey({ name: 'unseen', role: 'admin' });
  expect(await auth.enabled()).toBe(true);
  await expect(auth.authenticate(`Bearer ${seen.key}`)).resolves.toMatchObject({ name: 'seen' });

  await store.close();
  clock.t += 10_000; // past the fresh TTL: the store would be asked, and cannot answer
  await expect(auth.authenticate(`Bearer ${seen.key}`)).resolves.toMatchObject({ name: 'seen' });
  const unknown = await failure(auth.authenticate(`Bearer ${unseen.key}`));
  expect(unknown.code).toBe(ErrorCode.StoreUnavailable);
  expect(unknown.message).toContain('retry');
  expect(await auth.authenticate(undefined)).toBeNull();
  expect(await auth.enabled()).toBe(true);
  expect(() => auth.authorize(null, 'models')).toThrow(/requires an API key/);

  clock.t += 60_000; // past the stale window: even the known key is refused, never let in
  expect((await failure(auth.authenticate(`Bearer ${seen.key}`))).code).toBe(
    ErrorCode.StoreUnavailable,
  );

  // A fresh process that never saw a key while the store is down: closed, not open.
  const cold = createAuth({ store, clock });
  expect(await cold.enabled()).toBe(true);
  expect(() => cold.authorize(null, 'inference')).toThrow(/requires an API key/);
}

describe('auth during a store outage', () => {
  it('a store blip locks a keyless server only until the store answers again', async () => {
    const store = await openStore(`sqlite:${join(dir, 'blip.db')}`);
    const clock = { t: 1_000_000, now: () => clock.t };
    let down = true;
    const flaky = {
      ...store,
      keys: {
        ...store.keys,
        list: () => (down ? Promise.reject(new Error('connection reset')) : store.keys.list()),
      },
    };
    const auth = createAuth({ store: flaky, clock });
    expect(await auth.enabled()).toBe(true);
    down = false;
    clock.t += 1_000;
    expect(await auth.enabled()).toBe(false);
    await store.close();
  });

  it('SQLite: a closed database handle degrades to stale-but-safe', async () => {
    const store = await openStore(`sqlite:${join(dir, 'outage.db')}`);
    await outageScenario(store);
  });

  it.skipIf(!pgProbe.available)(
    `Postgres: a closed pool degrades to stale-but-safe${pgProbe.available ? '' : ` (skipped: ${pgProbe.reason})`}`,
    async () => {
      const db = await createTestDatabase(pgAdminUrl);
      try {
        await outageScenario(await openStore(db.url));
      } finally {
        await db.dispose();
      }
    },
  );
});

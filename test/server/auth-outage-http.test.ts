/**
 * Issue 9.3 over HTTP: the key store goes away under a running server (its SQLite
 * handle is closed). A key verified just before keeps working, an unseen key gets
 * 503 store_unavailable, no key 401 — never a 500, never open.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createAuth } from '../../src/server/auth/auth.js';
import { openStore } from '../../src/store/store.js';
import { startHarness } from './harness.js';

const dir = await mkdtemp(join(tmpdir(), 'shipgate-outage-http-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

it('a store outage degrades auth to stale-but-safe, never open', async () => {
  const store = await openStore(`sqlite:${join(dir, 'keys.db')}`);
  const clock = { t: Date.now(), now: () => clock.t };
  const auth = createAuth({ store, clock });
  const h = await startHarness({ auth });
  try {
    const seen = await auth.createKey({ name: 'seen', role: 'developer' });
    const unseen = await auth.createKey({ name: 'unseen', role: 'developer' });
    const get = (key?: string) =>
      h.app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
    expect((await get(seen.key)).statusCode).toBe(200);

    await store.close();
    clock.t += 30_000; // past the 5 s freshness, inside the 60 s outage grace
    expect((await get(seen.key)).statusCode).toBe(200);
    const unknown = await get(unseen.key);
    expect(unknown.statusCode).toBe(503);
    expect(unknown.json()).toMatchObject({ error: { code: 'store_unavailable' } });
    expect((await get()).statusCode).toBe(401);

    clock.t += 60_000;
    expect((await get(seen.key)).statusCode).toBe(503);
  } finally {
    await h.close();
  }
});

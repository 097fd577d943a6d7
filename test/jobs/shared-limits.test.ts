/**
 * Issue 10.4: with two real server processes on one Redis, a key limited to N
 * requests a minute gets N in all, not N per server (2N before the shared limiter).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  startShipgate,
  waitForOutput,
  writeConfig,
  type Proc,
} from '../../src/jobs/test-support/processes.js';
import { deleteKeys, probeRedis } from '../../src/jobs/test-support/redis.js';
import { startSlowModel, type SlowModel } from '../../src/jobs/test-support/slow-model.js';
import { createAuth } from '../../src/server/auth/auth.js';
import { openStore } from '../../src/store/store.js';
import { makeProject, removeDir } from '../generate/support.js';

const redisUrl = 'redis://127.0.0.1:6379';
const redisDown = await probeRedis(redisUrl);
if (redisDown) console.warn(`shared limits test skipped: ${redisDown}`);
const LIMIT = 5;

describe.skipIf(redisDown !== null)('rate limits shared through Redis by two servers', () => {
  let root: string;
  let model: SlowModel;
  let key: string;
  const prefix = `shipgate-test-${randomBytes(4).toString('hex')}:`;
  const procs: Proc[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    root = makeProject('shipgate-limits-');
    model = await startSlowModel(0);
    const storage = `sqlite:${root}/shipgate.db`;
    const store = await openStore(storage);
    key = (
      await createAuth({ store }).createKey({ name: 'limited', role: 'developer', rpm: LIMIT })
    ).key;
    await store.close();
    const config = writeConfig(root, 'shipgate.config.yaml', {
      storage: { url: storage },
      redis: { url: redisUrl, keyPrefix: prefix },
      providers: { local: { kind: 'openai-compatible', baseUrl: model.baseUrl } },
      models: { coder: { provider: 'local', model: 'coder-1' } },
      cache: { enabled: false },
    });
    for (let i = 0; i < 2; i += 1) ports.push(await freePort());
    await Promise.all(
      ports.map(async (port) => {
        const proc = startShipgate(config, ['serve', '--port', String(port)], {}, root);
        procs.push(proc);
        await waitForOutput(proc, 'listening on');
      }),
    );
  }, 90_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await model?.close();
    await deleteKeys(redisUrl, prefix);
    removeDir(root);
  });

  it(
    `a key limited to ${LIMIT}/min gets ${LIMIT} across both servers`,
    { timeout: 60_000 },
    async () => {
      // stay inside one minute window so the count is exact
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const statuses: number[] = [];
      for (let i = 0; i < 4 * LIMIT; i += 1) {
        const res = await fetch(`http://127.0.0.1:${ports[i % 2]}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            model: 'coder',
            messages: [{ role: 'user', content: `hello ${i}` }],
          }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3 * LIMIT);
    },
  );
});

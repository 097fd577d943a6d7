/**
 * Scale-out, all real (issue 14): 2 servers and 2 workers as processes on the local
 * Postgres and Redis; 200 jobs with Idempotency-Keys plus duplicate submissions to
 * the other server; one worker is killed with SIGKILL mid-run and another started.
 * Then: 200 jobs, all succeeded, each result written once (one outbox event per
 * job), each webhook delivered with a valid Standard Webhooks signature.
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
import { startReceiver, type Receiver } from '../../src/jobs/test-support/receiver.js';
import { deleteKeys, probeRedis } from '../../src/jobs/test-support/redis.js';
import { startSlowModel, type SlowModel } from '../../src/jobs/test-support/slow-model.js';
import { newWebhookSecret } from '../../src/jobs/webhook-sign.js';
import {
  createTestDatabase,
  probePostgres,
  type TestDatabase,
} from '../../src/store/test-support/postgres.js';
import { openStore, type Store } from '../../src/store/store.js';
import { makeProject, removeDir } from '../generate/support.js';

const adminUrl =
  process.env.SHIPGATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.SHIPGATE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const pg = await probePostgres(adminUrl);
const redisDown = await probeRedis(redisUrl);
const skip = !pg.available ? pg.reason : redisDown;
if (skip) console.warn(`scale-out jobs test skipped: ${skip}`);

const JOBS = 200;
const DUPLICATES = 50;
const secret = newWebhookSecret();

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

describe.skipIf(skip !== null)('scale-out: 2 servers + 2 workers on Postgres and Redis', () => {
  let root: string;
  let db: TestDatabase;
  let model: SlowModel;
  let receiver: Receiver;
  let config: string;
  let store: Store;
  const prefix = `shipgate-test-${randomBytes(4).toString('hex')}:`;
  const procs: Proc[] = [];
  const env = { HOOK_SECRET: secret };

  beforeAll(async () => {
    root = makeProject('shipgate-scale-');
    db = await createTestDatabase(adminUrl);
    model = await startSlowModel(50);
    receiver = await startReceiver(secret);
    config = writeConfig(root, 'shipgate.config.yaml', {
      storage: { url: db.url },
      redis: { url: redisUrl, keyPrefix: prefix },
      providers: { local: { kind: 'openai-compatible', baseUrl: model.baseUrl } },
      models: { coder: { provider: 'local', model: 'coder-1' } },
      routing: { tasks: { generate: ['coder'] } },
      cache: { enabled: false },
      generate: { gates: ['complexity'] },
      jobs: { leaseMs: 3_000, concurrency: 4 },
      webhooks: {
        endpoints: [{ url: receiver.url, secretEnv: 'HOOK_SECRET' }],
        allowPrivateAddresses: true,
        baseDelayMs: 100,
      },
    });
    store = await openStore(db.url); // migrates once before the processes start
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await store?.close();
    await receiver?.close();
    await model?.close();
    await db?.dispose();
    await deleteKeys(redisUrl, prefix);
    removeDir(root);
  }, 60_000);

  const start = async (args: string[], ready: string) => {
    const proc = startShipgate(config, args, env, root);
    procs.push(proc);
    await waitForOutput(proc, ready);
    return proc;
  };
  const succeeded = async () =>
    Number(
      (
        await store.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('state', '=', 'succeeded')
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it(
    'loses nothing and writes each result once when a worker is killed mid-run',
    { timeout: 240_000 },
    async () => {
      const ports = [await freePort(), await freePort()];
      await Promise.all(
        ports.map((port) => start(['serve', '--port', String(port)], 'listening on')),
      );
      const [w1] = await Promise.all([
        start(['worker', '--concurrency', '4'], 'running jobs'),
        start(['worker', '--concurrency', '4'], 'running jobs'),
      ]);
      const submit = async (i: number, port: number) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/generate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `job-${i}` },
          body: JSON.stringify({
            spec: `add two numbers, variant ${i}`,
            template: 'plain-function',
            async: true,
          }),
        });
        expect(res.status).toBe(202);
        return ((await res.json()) as { jobId: string }).jobId;
      };
      const ids = new Map<number, string>();
      const order = Array.from({ length: JOBS }, (_, i) => i);
      await pool(order, 16, async (i) => void ids.set(i, await submit(i, ports[i % 2] as number)));
      // duplicates, to the other server: the same job comes back
      await pool(order.slice(0, DUPLICATES), 8, async (i) => {
        expect(await submit(i, ports[(i + 1) % 2] as number)).toBe(ids.get(i));
      });
      await expect.poll(succeeded, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(20);
      await w1?.kill('SIGKILL');
      await start(['worker', '--concurrency', '4'], 'running jobs');
      await expect.poll(succeeded, { timeout: 150_000, interval: 250 }).toBe(JOBS);

      const rows = await store.db.selectFrom('jobs').select(['id', 'state']).execute();
      expect(rows).toHaveLength(JOBS);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids.values()));
      const outbox = await store.db.selectFrom('webhook_outbox').select(['id', 'job_id']).execute();
      expect(outbox).toHaveLength(JOBS); // one result write (and one event) per job
      expect(new Set(outbox.map((o) => o.job_id)).size).toBe(JOBS);
      await expect
        .poll(() => new Set(receiver.received.map((r) => r.id)).size, { timeout: 60_000 })
        .toBe(JOBS);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      const jobOfWebhook = new Map(outbox.map((o) => [o.id, o.job_id]));
      for (const r of receiver.received) expect(jobOfWebhook.get(r.id)).toBe(r.body.data.id);
      expect(model.served()).toBeGreaterThanOrEqual(JOBS);
    },
  );
});

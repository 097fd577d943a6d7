/**
 * The embedded crash test (issue 14): `kill -9` the server while jobs are running,
 * start it again on the same SQLite file: every accepted job completes, each
 * result is written once and each webhook is delivered with a valid signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  startShipgate,
  waitForOutput,
  writeConfig,
  type Proc,
} from '../../src/jobs/test-support/processes.js';
import { startReceiver, type Receiver } from '../../src/jobs/test-support/receiver.js';
import { startSlowModel, type SlowModel } from '../../src/jobs/test-support/slow-model.js';
import { newWebhookSecret } from '../../src/jobs/webhook-sign.js';
import { openStore } from '../../src/store/store.js';
import { makeProject, removeDir } from '../generate/support.js';

const secret = newWebhookSecret();

describe('embedded mode survives kill -9 with jobs running', () => {
  let root: string;
  let model: SlowModel;
  let receiver: Receiver;
  let config: string;
  const procs: Proc[] = [];

  beforeAll(async () => {
    root = makeProject('shipgate-crash-');
    model = await startSlowModel(1_500);
    receiver = await startReceiver(secret);
    config = writeConfig(root, 'shipgate.config.yaml', {
      storage: { url: `sqlite:${root}/shipgate.db` },
      providers: { local: { kind: 'openai-compatible', baseUrl: model.baseUrl } },
      models: { coder: { provider: 'local', model: 'coder-1' } },
      routing: { tasks: { generate: ['coder'] } },
      cache: { enabled: false },
      generate: { gates: ['complexity'] },
      jobs: { leaseMs: 3_000, pollMs: 50, concurrency: 4 },
      webhooks: {
        endpoints: [{ url: receiver.url, secretEnv: 'HOOK_SECRET' }],
        allowPrivateAddresses: true,
        baseDelayMs: 50,
      },
    });
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await receiver.close();
    await model.close();
    removeDir(root);
  });

  async function serve(port: number): Promise<Proc> {
    const proc = startShipgate(
      config,
      ['serve', '--port', String(port)],
      { HOOK_SECRET: secret },
      root,
    );
    procs.push(proc);
    await waitForOutput(proc, 'listening on');
    return proc;
  }

  it(
    'every job accepted before the crash completes after a restart',
    { timeout: 120_000 },
    async () => {
      const port = await freePort();
      const first = await serve(port);
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await fetch(`http://127.0.0.1:${port}/api/generate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `crash-${i}` },
          body: JSON.stringify({
            spec: `add two numbers (${i})`,
            template: 'plain-function',
            targetFile: 'src/add.ts',
            async: true,
          }),
        });
        expect(res.status).toBe(202);
        ids.push(((await res.json()) as { jobId: string }).jobId);
      }
      // kill -9 once jobs are running (the model takes 1.5 s per call)
      await expect
        .poll(
          async () => {
            const res = await fetch(`http://127.0.0.1:${port}/api/jobs/${ids[0]}`);
            return ((await res.json()) as { state: string }).state;
          },
          { timeout: 30_000, interval: 100 },
        )
        .toBe('running');
      await first.kill('SIGKILL');
      const second = await serve(port);
      const state = async (id: string) =>
        (await (await fetch(`http://127.0.0.1:${port}/api/jobs/${id}`)).json()) as {
          state: string;
          attempts: number;
        };
      await expect
        .poll(
          async () => {
            const states = await Promise.all(ids.map(state));
            if (states.every((j) => j.state === 'succeeded')) return true;
            return `${JSON.stringify(states)}\n${second.output().slice(-1500)}`;
          },
          { timeout: 60_000, interval: 250 },
        )
        .toBe(true);
      const attempts = (await Promise.all(ids.map(state))).map((j) => j.attempts);
      expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2); // at least one job ran again after the crash
      await expect
        .poll(() => new Set(receiver.received.map((r) => r.body.data.id)).size, { timeout: 20_000 })
        .toBe(6);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      // each result was written once: one outbox event per job
      const store = await openStore(`sqlite:${root}/shipgate.db`);
      try {
        const rows = await store.db.selectFrom('webhook_outbox').select(['job_id']).execute();
        expect(rows.map((r) => r.job_id).sort()).toEqual([...ids].sort());
      } finally {
        await store.close();
      }
    },
  );
});

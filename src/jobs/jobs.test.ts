import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWebhooks, webhooksConfigSchema } from '../config/jobs-schema.js';
import { openStore, type Store } from '../store/store.js';
import { executeClaim, type JobHandlers } from './execute.js';
import { claimNext, finish, getJob, insertJob, requeueExpired } from './jobs-repo.js';
import { createJobSystem } from './job-system.js';
import { createPollingRunner } from './polling-runner.js';
import { startReceiver, type Receiver } from './test-support/receiver.js';
import { createWebhookDispatcher } from './webhook-dispatcher.js';
import { newWebhookSecret } from './webhook-sign.js';

const secret = newWebhookSecret();
const owner = { id: 'key_1', name: 'ci-bot' };

function webhooks(url: string, allowPrivateAddresses = true) {
  return resolveWebhooks(
    webhooksConfigSchema.parse({
      endpoints: [{ url, secretEnv: 'HOOK_SECRET' }],
      allowPrivateAddresses,
      baseDelayMs: 10,
      maxDelayMs: 40,
      maxAttempts: 5,
    }),
    { HOOK_SECRET: secret },
  );
}

const echo: JobHandlers = {
  generate: async (payload) => ({ echoed: payload }),
  validate: async () => {
    throw new Error('boom');
  },
  review: async () => ({}),
};

describe('jobs on a SQLite file', () => {
  let dir: string;
  let store: Store;
  let receiver: Receiver;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-jobs-'));
    store = await openStore(`sqlite:${join(dir, 'jobs.db')}`);
    receiver = await startReceiver(secret);
  });
  afterEach(async () => {
    await store.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a late attempt cannot overwrite the result of the attempt that took over', async () => {
    const db = store.db;
    const row = await insertJob(
      db,
      { kind: 'generate', payload: {}, owner, maxAttempts: 3 },
      1_000,
    );
    const first = await claimNext(db, 'sqlite', { owner: 'a', leaseMs: 100, now: 1_000 });
    expect(first?.id).toBe(row.id);
    // the first worker goes silent; its lease expires and the job runs again
    expect(await requeueExpired(db, 2_000)).toBe(1);
    const second = await claimNext(db, 'sqlite', { owner: 'b', leaseMs: 100, now: 2_000 });
    expect(second?.fence).toBe((first?.fence ?? 0) + 1);
    const hooks = webhooks(receiver.url).endpoints;
    expect(await finish(db, second!, { state: 'succeeded', result: 'second' }, [], 2_100)).toBe(
      true,
    );
    expect(await finish(db, first!, { state: 'succeeded', result: 'late' }, [], 2_200)).toBe(false);
    const stored = await getJob(db, row.id);
    expect(stored?.result).toBe('"second"');
    expect(stored?.attempts).toBe(2);
    expect(hooks).toHaveLength(1);
  });

  it('runs jobs, writes one outbox event per result and delivers it signed, one webhook-id across retries', async () => {
    const config = webhooks(receiver.url);
    const system = createJobSystem({
      db: store.db,
      kind: 'sqlite',
      jobs: { maxAttempts: 2, maxBatchItems: 10 },
      webhooks: config,
      idempotencyTtlMs: 60_000,
    });
    const ok = await system.submit({ kind: 'generate', payload: { spec: 'x' }, owner }, null);
    const bad = await system.submit({ kind: 'validate', payload: {}, owner }, null);
    const runner = createPollingRunner({
      db: store.db,
      kind: 'sqlite',
      handlers: echo,
      endpoints: config.endpoints,
      leaseMs: 5_000,
      concurrency: 2,
      pollMs: 10,
    });
    await runner.start();
    receiver.failFirst(2);
    const dispatcher = createWebhookDispatcher({
      db: store.db,
      kind: 'sqlite',
      config,
      pollMs: 10,
    });
    dispatcher.start();
    const okId = (ok.body as { jobId: string }).jobId;
    const badId = (bad.body as { jobId: string }).jobId;
    await expect
      .poll(async () => (await system.get(okId))?.state, { timeout: 5_000 })
      .toBe('succeeded');
    await expect
      .poll(async () => (await system.get(badId))?.state, { timeout: 5_000 })
      .toBe('failed');
    // the first two deliveries get 500s and are retried with backoff
    await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBe(4);
    await runner.stop();
    await dispatcher.stop();
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // 2 events, 2 failed deliveries retried: every delivery of one event carries the same webhook-id
    const idsByJob = new Map<string, Set<string>>();
    for (const r of receiver.received)
      idsByJob.set(r.body.data.id, (idsByJob.get(r.body.data.id) ?? new Set()).add(r.id));
    expect([...idsByJob.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(receiver.received.length).toBe(4);
    const job = await system.get(okId);
    expect(job).toMatchObject({
      kind: 'generate',
      state: 'succeeded',
      attempts: 1,
      result: { echoed: { spec: 'x' } },
    });
    expect((await system.get(badId))?.error).toEqual({ code: 'internal', message: 'boom' });
    const log = [...(await system.deliveries(okId)), ...(await system.deliveries(badId))];
    expect(log.map((d) => d.ok).sort()).toEqual([false, false, true, true]);
  });

  it('announces a job after its 202 is answered, and before the queue closes', async () => {
    const announced: string[] = [];
    let closed = false;
    const system = createJobSystem({
      db: store.db,
      kind: 'sqlite',
      jobs: { maxAttempts: 2, maxBatchItems: 10 },
      webhooks: webhooks(receiver.url),
      idempotencyTtlMs: 60_000,
      queue: {
        enqueue: (ids) => {
          if (closed) return Promise.reject(new Error('closed'));
          announced.push(...ids);
          return Promise.resolve();
        },
        remove: () => Promise.resolve(),
        depth: () => Promise.resolve(0),
        close: () => {
          closed = true;
          return Promise.resolve();
        },
      },
    });
    const answer = await system.submit({ kind: 'generate', payload: { spec: 'q' }, owner }, null);
    const { jobId } = answer.body as { jobId: string };
    expect(announced).toEqual([]); // not on the answer's path
    await system.close();
    expect(announced).toEqual([jobId]);
  });

  it('refuses to deliver to a private address unless allowed (SSRF guard)', async () => {
    const config = webhooks(receiver.url, false);
    const row = await insertJob(
      store.db,
      { kind: 'generate', payload: {}, owner, maxAttempts: 1 },
      Date.now(),
    );
    const claim = await claimNext(store.db, 'sqlite', {
      owner: 'a',
      leaseMs: 5_000,
      now: Date.now(),
    });
    await executeClaim(claim!, {
      db: store.db,
      handlers: echo,
      endpoints: config.endpoints,
      leaseMs: 5_000,
    });
    const dispatcher = createWebhookDispatcher({ db: store.db, kind: 'sqlite', config });
    expect(await dispatcher.tick()).toBe(1);
    await dispatcher.stop();
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await createJobSystem({
      db: store.db,
      kind: 'sqlite',
      jobs: { maxAttempts: 1, maxBatchItems: 1 },
      webhooks: config,
      idempotencyTtlMs: 1,
    }).deliveries(row.id);
    expect(delivery).toMatchObject({ ok: false, status: null });
    expect(delivery?.error).toMatch(/private address/);
  });

  it('stop() lets running jobs finish for the grace period, then releases the rest at once', async () => {
    const hang: JobHandlers = {
      ...echo,
      generate: (_payload, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    };
    const row = await insertJob(
      store.db,
      { kind: 'generate', payload: {}, owner, maxAttempts: 3 },
      Date.now(),
    );
    const runner = createPollingRunner({
      db: store.db,
      kind: 'sqlite',
      handlers: hang,
      endpoints: [],
      leaseMs: 60_000,
      concurrency: 1,
      pollMs: 10,
    });
    await runner.start();
    await expect.poll(async () => (await getJob(store.db, row.id))?.state).toBe('running');
    await runner.stop(50);
    const released = await getJob(store.db, row.id);
    // queued again with no lease: the next process runs it now, not after 60 s
    expect(released).toMatchObject({ state: 'queued', lease_until: null, attempts: 1 });
    expect(
      await claimNext(store.db, 'sqlite', { owner: 'next', leaseMs: 1_000, now: Date.now() }),
    ).not.toBeNull();
  });
});

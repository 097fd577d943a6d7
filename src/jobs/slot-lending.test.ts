/**
 * A job waiting on a provider batch lends its worker slot out: with concurrency 1 the
 * embedded runner starts the next job meanwhile, and the waiting job takes a slot back
 * (first come, first served) when its wait is over. Real SQLite store, real runner;
 * and on BullMQ with the local Redis, where the waiting job's BullMQ job completes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../store/store.js';
import { createBullQueue, startBullWorker, type BullWorker } from './bullmq.js';
import type { JobContext, JobHandlers } from './execute.js';
import type { JobQueue } from './job-system.js';
import { deleteKeys, probeRedis } from './test-support/redis.js';
import { getJob, insertJob } from './jobs-repo.js';
import { createPollingRunner, type JobRunner } from './polling-runner.js';

const owner = { id: 'key_1', name: 'ci' };
const redisUrl = 'redis://127.0.0.1:6379';
const redisDown = await probeRedis(redisUrl);
if (redisDown) console.warn(`slot lending on BullMQ is skipped: ${redisDown}`);

/** Handlers whose generate jobs run `run` with the job's name; the other kinds do nothing. */
function generating(run: (name: string, context: JobContext) => Promise<void>): JobHandlers {
  return {
    generate: async (payload, context) => {
      const { name } = payload as { name: string };
      await run(name, context);
      return name;
    },
    validate: async () => null,
    review: async () => null,
  };
}

/** A gate a test opens by hand. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('slot lending in the embedded runner', () => {
  let dir: string;
  let store: Store;
  let runner: JobRunner | undefined;
  const order: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-lend-'));
    store = await openStore(`sqlite:${join(dir, 'jobs.db')}`);
    order.length = 0;
  });
  afterEach(async () => {
    await runner?.stop(1_000);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(handlers: JobHandlers) {
    runner = createPollingRunner({
      db: store.db,
      kind: 'sqlite',
      handlers,
      endpoints: [],
      leaseMs: 5_000,
      concurrency: 1,
      pollMs: 10,
    });
    return runner.start();
  }
  const submit = async (name: string) =>
    (
      await insertJob(
        store.db,
        { kind: 'generate', payload: { name }, owner, maxAttempts: 1 },
        Date.now(),
      )
    ).id;
  const state = async (id: string) => (await getJob(store.db, id))?.state;

  it('runs the next job while one waits, and the waiting one finishes after', async () => {
    const batch = gate();
    await start(
      generating(async (name, context) => {
        if (name === 'waits') {
          const reclaim = context.lendSlot();
          await batch.opened;
          await reclaim();
        }
        order.push(name);
      }),
    );
    const waiting = await submit('waits');
    await expect.poll(() => state(waiting)).toBe('running');
    const other = await submit('other');
    await expect.poll(() => state(other)).toBe('succeeded');
    expect(await state(waiting)).toBe('running');
    batch.open();
    await expect.poll(() => state(waiting)).toBe('succeeded');
    expect(order).toEqual(['other', 'waits']);
  });

  it('takes the slot back only when one is free: the job that borrowed it finishes first', async () => {
    const batch = gate();
    const busy = gate();
    await start(
      generating(async (name, context) => {
        if (name === 'waits') {
          const reclaim = context.lendSlot();
          await batch.opened;
          order.push('wait over');
          await reclaim();
        }
        if (name === 'busy') await busy.opened;
        order.push(name);
      }),
    );
    const waiting = await submit('waits');
    await expect.poll(() => state(waiting)).toBe('running');
    const borrower = await submit('busy');
    await expect.poll(() => state(borrower)).toBe('running');
    batch.open();
    await expect.poll(() => order).toEqual(['wait over']);
    const queued = await submit('queued');
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual(['wait over']); // one slot: the borrower holds it
    busy.open();
    await expect.poll(() => state(queued)).toBe('succeeded');
    // the waiting job got the slot back before the queued one was claimed
    expect(order).toEqual(['wait over', 'busy', 'waits', 'queued']);
  });
});

describe.skipIf(redisDown !== null)('slot lending on BullMQ (local Redis)', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  let worker: BullWorker | undefined;
  const prefix = `sg-lend-${randomBytes(4).toString('hex')}:`;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-lend-bull-'));
    store = await openStore(`sqlite:${join(dir, 'jobs.db')}`);
  });
  afterEach(async () => {
    await worker?.stop(1_000);
    await queue?.close();
    await store.close();
    await deleteKeys(redisUrl, prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a waiting job frees its BullMQ slot; a stopped worker puts it back on the queue', async () => {
    const settings = { redisUrl, prefix: `${prefix}bull`, queueName: 'jobs' };
    queue = await createBullQueue(settings);
    const batch = gate();
    const order: string[] = [];
    worker = await startBullWorker({
      db: store.db,
      handlers: generating(async (name, context) => {
        if (name === 'waits') {
          const reclaim = context.lendSlot();
          const aborted = new Promise((r) => context.signal.addEventListener('abort', r));
          await Promise.race([batch.opened, aborted]);
          context.signal.throwIfAborted();
          await reclaim();
        }
        order.push(name);
      }),
      endpoints: [],
      leaseMs: 5_000,
      settings,
      concurrency: 1,
    });
    const submit = async (name: string) => {
      const { id } = await insertJob(
        store.db,
        { kind: 'generate', payload: { name }, owner, maxAttempts: 3 },
        Date.now(),
      );
      await queue.enqueue([id]);
      return id;
    };
    const state = async (id: string) => (await getJob(store.db, id))?.state;
    const waiting = await submit('waits');
    await expect.poll(() => state(waiting)).toBe('running');
    const other = await submit('other');
    await expect.poll(() => state(other), { timeout: 5_000 }).toBe('succeeded');
    expect(await state(waiting)).toBe('running');
    await worker.stop(100);
    worker = undefined;
    expect(await state(waiting)).toBe('queued'); // released for the next worker, not lost
    expect(order).toEqual(['other']);
  });
});

/**
 * Scale-out: BullMQ on Redis carries job ids from the servers to `shipgate worker`
 * processes; the records stay in Postgres. BullMQ's lock and stalled-job check
 * give at-least-once execution (a killed worker's job moves back to wait after
 * `jobs.leaseMs`); the fencing token in the row makes the result effectively once.
 * Run Redis with `maxmemory-policy noeviction` and AOF on (docs/jobs.md).
 */
import type { Queue, Worker } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import { executeClaim, type Executed, type ExecuteOptions } from './execute.js';
import type { Claim } from './job-types.js';
import { createSemaphore } from './semaphore.js';
import type { JobQueue } from './job-system.js';
import { claimById, queuedBefore, release, requeueExpired, type Db } from './jobs-repo.js';
import { runnerId } from './polling-runner.js';

export interface BullSettings {
  redisUrl: string;
  /** Key prefix (config redis.keyPrefix + "bull"). */
  prefix: string;
  queueName: string;
}

async function redisClient(url: string, options: RedisOptions): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  return new RedisClient(url, options);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** The producer side, for servers: announces committed job ids. */
export async function createBullQueue(settings: BullSettings): Promise<JobQueue> {
  const { Queue: BullQueue } = await import('bullmq');
  const connection = await redisClient(settings.redisUrl, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
  connection.on('error', () => undefined);
  const queue: Queue = new BullQueue(settings.queueName, { connection, prefix: settings.prefix });
  return {
    async enqueue(ids) {
      const jobs = ids.map((id) => ({
        name: 'run',
        data: { id },
        opts: { jobId: id, removeOnComplete: true, removeOnFail: 10_000 },
      }));
      await withTimeout(queue.addBulk(jobs), 5_000, 'enqueueing on Redis');
    },
    async remove(id) {
      await queue.remove(id);
    },
    async depth() {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

export interface BullWorkerOptions extends Omit<ExecuteOptions, 'signal'> {
  settings: BullSettings;
  concurrency: number;
  onError?: (error: unknown) => void;
}

export interface BullWorker {
  /** Re-announces queued rows older than a few seconds (a server died before enqueueing). */
  reconcile(queue: JobQueue): Promise<number>;
  /** Stops taking work, waits up to `graceMs` for running jobs, then closes. */
  stop(graceMs?: number): Promise<void>;
}

export async function startBullWorker(options: BullWorkerOptions): Promise<BullWorker> {
  const { Worker: BullMqWorker } = await import('bullmq');
  const connection = await redisClient(options.settings.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => options.onError?.(error));
  const owner = runnerId();
  const now = options.now ?? Date.now;
  const shutdown = new AbortController();
  const db: Db = options.db;
  /** Attempts running here, detached ones (waiting on a provider batch) included. */
  const attempts = new Map<string, { claim: Claim; done: Promise<unknown> }>();
  const resumed = createSemaphore(options.concurrency);
  const worker: Worker = new BullMqWorker(
    options.settings.queueName,
    async (job) => {
      const id = (job.data as { id?: unknown }).id;
      if (typeof id !== 'string') return 'ignored';
      const claim = await claimById(db, id, { owner, leaseMs: options.leaseMs, now: now() });
      if (claim === null) return 'finished-already';
      const executed = await detachWhenLent(claim);
      if (executed === 'detached') return executed;
      if (executed === 'retry') {
        // back in the row's queue state; a delayed delivery brings it back
        await job.moveToDelayed(Date.now() + 1_000, job.token).catch(() => undefined);
        throw new (await import('bullmq')).DelayedError();
      }
      return executed;
    },
    {
      connection,
      prefix: options.settings.prefix,
      concurrency: options.concurrency,
      lockDuration: options.leaseMs,
      stalledInterval: Math.max(1_000, Math.floor(options.leaseMs / 2)),
      maxStalledCount: 20,
      removeOnComplete: { count: 0 },
    },
  );
  worker.on('error', (error) => options.onError?.(error));

  /**
   * Runs the attempt; when it lends its slot out (it waits on a provider batch), the
   * BullMQ job completes and frees the slot while the attempt goes on here, holding
   * its lease in the row. A worker killed meanwhile leaves the lease to expire;
   * reconcile puts the job back on the queue (and its re-run follows the same batch).
   * Detached attempts whose wait is over share `concurrency` slots of their own.
   */
  function detachWhenLent(claim: Claim): Promise<Executed | 'detached'> {
    let detach: () => void = () => undefined;
    const lentOut = new Promise<'detached'>((resolve) => (detach = () => resolve('detached')));
    let holds = false;
    const onLendSlot = () => {
      detach();
      if (holds) resumed.release();
      holds = false;
      return async () => {
        await resumed.acquire();
        holds = true;
      };
    };
    const execution = executeClaim(claim, { ...options, signal: shutdown.signal, onLendSlot });
    attempts.set(claim.id, { claim, done: execution.catch(() => 'lost' as const) });
    void execution
      .finally(() => {
        attempts.delete(claim.id);
        if (holds) resumed.release();
      })
      .catch(() => undefined);
    return Promise.race([execution, lentOut]);
  }

  return {
    async reconcile(queue) {
      await requeueExpired(db, now()); // a killed worker's detached attempts
      const ids = await queuedBefore(db, now() - 5_000);
      if (ids.length > 0) await queue.enqueue(ids);
      return ids.length;
    },
    async stop(graceMs = 10_000) {
      const closing = worker.close();
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      const waiting = () => Promise.all([...attempts.values()].map((d) => d.done));
      await Promise.race([Promise.all([closing, waiting()]), grace]);
      const left = [...attempts.values()].map((d) => d.claim);
      shutdown.abort(new Error('shutting down'));
      resumed.open(); // detached attempts waiting for a slot go on, to abort
      await worker.close(true).catch(() => undefined);
      await waiting();
      await releaseAll(db, left, now()); // run again at once by the next worker
      connection.disconnect();
    },
  };
}

/** Puts attempts that shutdown aborted back on the queue, to run at once. */
async function releaseAll(db: Db, claims: readonly Claim[], at: number): Promise<void> {
  const reason = { code: 'aborted', message: 'the worker shut down; the job runs again' };
  for (const claim of claims) await release(db, claim, reason, at, at).catch(() => undefined);
}

/**
 * The embedded runner: claims due jobs from the store (SQLite, or Postgres with
 * SKIP LOCKED) up to `concurrency` at a time. At start-up, and every lease period,
 * running jobs whose lease expired (their process was killed) go back to the queue.
 * An attempt waiting on a provider batch lends its slot out (JobContext.lendSlot).
 * `stop` stops claiming, lets running jobs finish for a grace period, then aborts
 * them and releases their leases so the next start runs them at once.
 */
import { hostname } from 'node:os';
import type { StoreKind } from '../store/schema.js';
import { executeClaim, type ExecuteOptions } from './execute.js';
import type { Claim } from './job-types.js';
import { claimNext, release, requeueExpired, type Db } from './jobs-repo.js';

export interface PollingRunnerOptions extends Omit<ExecuteOptions, 'signal'> {
  kind: StoreKind;
  concurrency: number;
  pollMs: number;
  onError?: (error: unknown) => void;
}

export interface JobRunner {
  start(): Promise<void>;
  /** Stops taking work; waits up to `graceMs` for running jobs, then releases them. */
  stop(graceMs?: number): Promise<void>;
  /** Attempts running now (waiting ones included). */
  active(): number;
}

export function runnerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

export function createPollingRunner(options: PollingRunnerOptions): JobRunner {
  const now = options.now ?? Date.now;
  const owner = runnerId();
  const running = new Map<string, { claim: Claim; done: Promise<unknown> }>();
  /** Attempts waiting on a provider batch: they do not count against `concurrency`. */
  const lent = new Set<string>();
  /** Lent attempts whose wait is over, in order, waiting for a slot (before new claims). */
  const reclaiming: { id: string; resume: () => void }[] = [];
  const hasRoom = () => running.size - lent.size < options.concurrency;
  const shutdown = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let lastSweep = 0;
  const db: Db = options.db;

  async function sweep(): Promise<void> {
    if (now() - lastSweep < options.leaseMs) return;
    lastSweep = now();
    await requeueExpired(db, now());
  }

  async function fill(): Promise<void> {
    await sweep();
    handBack();
    while (!stopping && reclaiming.length === 0 && hasRoom()) {
      const claim = await claimNext(db, options.kind, {
        owner,
        leaseMs: options.leaseMs,
        now: now(),
      });
      if (claim === null) return;
      const done = executeClaim(claim, { ...options, signal: shutdown.signal, onLendSlot })
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          running.delete(claim.id);
          lent.delete(claim.id);
          handBack();
          if (!stopping) schedule(0);
        });
      running.set(claim.id, { claim, done });
    }
  }

  function onLendSlot(claim: Claim): () => Promise<void> {
    lent.add(claim.id);
    schedule(0);
    return () =>
      new Promise<void>((resume) => {
        reclaiming.push({ id: claim.id, resume });
        handBack();
      });
  }

  /** Gives freed slots to lent attempts whose wait is over, first come first served. */
  function handBack(): void {
    while (reclaiming.length > 0 && (hasRoom() || stopping)) {
      const next = reclaiming.shift();
      if (!next) return;
      lent.delete(next.id);
      next.resume();
    }
  }

  function schedule(delay: number): void {
    if (stopping) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fill()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          if (!stopping && timer === null) schedule(options.pollMs);
        });
    }, delay);
  }

  return {
    async start() {
      await requeueExpired(db, now());
      lastSweep = now();
      schedule(0);
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      handBack(); // lent attempts waiting for a slot go on, to finish or abort
      const all = [...running.values()];
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.all(all.map((r) => r.done)), grace]);
      const left = [...running.values()];
      shutdown.abort(new Error('shutting down'));
      await Promise.all(left.map((r) => r.done));
      const at = now();
      for (const { claim } of left) {
        await release(
          db,
          claim,
          { code: 'aborted', message: 'the runner shut down; the job runs again' },
          at,
          at,
        ).catch(() => undefined);
      }
    },
    active: () => running.size,
  };
}

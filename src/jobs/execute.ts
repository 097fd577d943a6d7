/**
 * Runs one claimed attempt: the kind's handler under an abort signal, the lease
 * renewed while it runs (a lost lease — cancelled, or taken over after a stall —
 * aborts it), then the outcome written under the attempt's fencing token with its
 * webhook events. A retryable failure with attempts left goes back to the queue.
 */
import type { WebhookEndpoint } from '../config/jobs-schema.js';
import { toShipgateError } from '../errors.js';
import { backoffMs } from './backoff.js';
import type { Claim, JobKind, Outcome } from './job-types.js';
import { finish, release, renewLease, type Db } from './jobs-repo.js';
import { outboxRowsFor } from './outbox.js';

export interface JobContext {
  signal: AbortSignal;
  caller: string;
  jobId: string;
  /**
   * Lends this attempt's worker slot out while it waits on an outside queue (a provider
   * batch, up to a day): the runner may start other jobs meanwhile. The returned
   * function takes a slot back when the wait is over; it resolves when one is free.
   */
  lendSlot(): () => Promise<void>;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;
export type JobHandlers = Readonly<Record<JobKind, JobHandler>>;

export interface ExecuteOptions {
  db: Db;
  handlers: JobHandlers;
  endpoints: readonly WebhookEndpoint[];
  leaseMs: number;
  /** Base delay of the retry backoff (ms). Default 1000. */
  retryBaseMs?: number;
  now?: () => number;
  /** Aborts the attempt (shutdown). */
  signal?: AbortSignal;
  /** The runner's side of `JobContext.lendSlot`; without it lending does nothing. */
  onLendSlot?: (claim: Claim) => () => Promise<void>;
  onFinished?: (claim: Claim, outcome: Outcome | 'retry' | 'lost', finishedAt: number) => void;
}

export type Executed = 'succeeded' | 'failed' | 'retry' | 'lost';

/** Keeps the lease; aborts `controller` once the attempt no longer holds the job. */
function heartbeat(
  db: Db,
  claim: Claim,
  leaseMs: number,
  now: () => number,
  controller: AbortController,
) {
  const timer = setInterval(
    () => {
      renewLease(db, claim, now() + leaseMs)
        .then((held) => {
          if (!held) controller.abort(new Error('the job was cancelled or taken over'));
        })
        .catch(() => undefined);
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}

export async function executeClaim(claim: Claim, options: ExecuteOptions): Promise<Executed> {
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const onShutdown = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onShutdown, { once: true });
  const stop = heartbeat(options.db, claim, options.leaseMs, now, controller);
  let outcome: Outcome;
  try {
    const handler = options.handlers[claim.kind];
    const result = await handler(claim.payload, {
      signal: controller.signal,
      caller: claim.ownerName ?? 'job',
      jobId: claim.id,
      lendSlot: () => options.onLendSlot?.(claim) ?? (() => Promise.resolve()),
    });
    outcome = { state: 'succeeded', result };
  } catch (thrown) {
    const error = toShipgateError(thrown);
    if (controller.signal.aborted) {
      options.onFinished?.(claim, 'lost', now());
      return 'lost'; // shutdown (the lease is released by the runner) or cancel/takeover
    }
    const failure = { code: error.code, message: error.message };
    if (error.isRetryable && claim.attempts < claim.maxAttempts) {
      const delay = backoffMs(claim.attempts, options.retryBaseMs ?? 1_000, 60_000);
      const at = now();
      const released = await release(options.db, claim, failure, at + delay, at);
      options.onFinished?.(claim, released ? 'retry' : 'lost', at);
      return released ? 'retry' : 'lost';
    }
    outcome = { state: 'failed', error: failure };
  } finally {
    stop();
    options.signal?.removeEventListener('abort', onShutdown);
  }
  const at = now();
  const written = await finish(
    options.db,
    claim,
    outcome,
    outboxRowsFor(claim, outcome, options.endpoints, at),
    at,
  );
  options.onFinished?.(claim, written ? outcome : 'lost', at);
  return written ? outcome.state : 'lost';
}

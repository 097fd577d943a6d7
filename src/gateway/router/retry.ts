import { ErrorCode, ShipgateError, toShipgateError } from '../../errors.js';
import type { AttemptFn, AttemptRecord, Clock, ModelCall } from './attempt.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Sleep } from './sleep.js';

export interface RetryPolicy extends BackoffPolicy {
  maxAttempts: number;
  /** A longer Retry-After is not waited for: the router falls back instead. */
  maxRetryAfterMs: number;
}

export interface RetryDeps {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  sleep: Sleep;
  /** Epoch ms by which the whole call must be done; no wait may cross it. */
  deadlineAt: number;
  /** Every attempt is appended here (the call's log, read by metering and errors). */
  log: AttemptRecord[];
}

function newRecord(model: { alias: string; provider: string }, now: number): AttemptRecord {
  return {
    model: model.alias,
    provider: model.provider,
    startedAt: now,
    durationMs: 0,
    outcome: 'pending',
    usage: null,
  };
}

/** How long to wait before the next attempt, or null to stop retrying this model. */
function nextDelay(error: ShipgateError, retry: number, deps: RetryDeps): number | null {
  if (!error.isRetryable || retry + 1 >= deps.policy.maxAttempts) return null;
  if (error.retryAfterMs !== undefined && error.retryAfterMs > deps.policy.maxRetryAfterMs)
    return null;
  const delay = error.retryAfterMs ?? backoffDelay(retry, deps.policy, deps.random);
  return deps.clock.now() + delay >= deps.deadlineAt ? null : delay;
}

/**
 * The only retry loop (SDK retries are off): retryable errors are retried with
 * exponential backoff and full jitter, honouring Retry-After up to a cap.
 */
export function withRetry<T>(deps: RetryDeps, attempt: AttemptFn<T>): ModelCall<T> {
  return async (model, signal) => {
    for (let retry = 0; ; retry++) {
      const record = newRecord(model, deps.clock.now());
      deps.log.push(record);
      try {
        const value = await attempt(model, signal, record);
        record.outcome = 'ok';
        record.durationMs = deps.clock.now() - record.startedAt;
        return value;
      } catch (thrown) {
        const error = signal.aborted ? toShipgateError(signal.reason) : toShipgateError(thrown);
        Object.assign(record, {
          outcome: error.code,
          message: error.message,
          upstreamStatus: error.upstreamStatus,
        });
        record.durationMs = deps.clock.now() - record.startedAt;
        const delay = signal.aborted ? null : nextDelay(error, retry, deps);
        if (delay === null) throw error;
        await deps.sleep(delay, signal).catch((reason: unknown) => {
          throw reason instanceof ShipgateError
            ? reason
            : new ShipgateError(ErrorCode.Aborted, 'cancelled while waiting to retry', {
                cause: reason,
              });
        });
      }
    }
  };
}

import { ErrorCode, ShipgateError } from '../../errors.js';
import type { CallController, CallSignal } from '../../lib/light-abort.js';
import type { ModelSpec } from '../types.js';
import { withAttemptDeadline } from './attempt-deadline.js';
import type { AttemptFn, AttemptRecord, Clock } from './attempt.js';
import { withBreaker, type BreakerRegistry } from './breaker.js';
import { withFallback } from './fallback.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { linkedAbort, ownedAbort } from './linked-abort.js';
import { sleep as realSleep, type Sleep } from './sleep.js';

export interface Deadlines {
  attemptMs: number;
  totalMs: number;
}

export interface RouterDeps {
  retry: RetryPolicy;
  breakers: BreakerRegistry;
  clock: Clock;
  random: () => number;
  sleep?: Sleep;
}

export interface Routed<T> {
  value: T;
  model: ModelSpec;
  attempts: AttemptRecord[];
  /** Aborts on the caller's cancel or the overall deadline; a committed stream reads under it. */
  signal: CallSignal;
  /** Ends the overall deadline timer; call when the value (e.g. a stream) is fully consumed. */
  release(): void;
}

/**
 * Runs one call through the router's behaviours, outermost first:
 * overall deadline → fallback over models → retry → circuit breaker → attempt deadline → attempt.
 */
export interface RouteCall<T> {
  models: ModelSpec[];
  deadlines: Deadlines;
  attempt: AttemptFn<T>;
  /** The call's attempt log; the caller owns it so it can meter failed calls too. */
  log: AttemptRecord[];
  signal?: CallSignal;
  /**
   * Instead of `signal`: a controller the caller made for this call alone. The router
   * aborts it at the overall deadline rather than linking a controller of its own.
   */
  controller?: CallController;
}

export async function route<T>(deps: RouterDeps, call: RouteCall<T>): Promise<Routed<T>> {
  const { models, deadlines, attempt, log, signal: callerSignal } = call;
  const overall = call.controller ? ownedAbort(call.controller) : linkedAbort(callerSignal);
  const timer = setTimeout(
    () =>
      overall.abort(
        new ShipgateError(
          ErrorCode.DeadlineExceeded,
          `the call did not finish within ${deadlines.totalMs} ms`,
        ),
      ),
    deadlines.totalMs,
  );
  const signal = overall.signal;
  const release = (): void => {
    clearTimeout(timer);
    overall.release();
  };
  const perModel = withRetry(
    {
      policy: deps.retry,
      clock: deps.clock,
      random: deps.random,
      sleep: deps.sleep ?? realSleep,
      deadlineAt: deps.clock.now() + deadlines.totalMs,
      log,
    },
    withBreaker(deps.breakers, withAttemptDeadline(deadlines.attemptMs, attempt)),
  );
  try {
    const { value, model } = await withFallback(models, log, signal, perModel);
    return { value, model, attempts: log, signal, release };
  } catch (error) {
    release();
    throw error;
  }
}

import { ErrorCode, ShipgateError, toShipgateError } from '../../errors.js';
import type { AttemptFn } from './attempt.js';
import { linkedAbort } from './linked-abort.js';

/**
 * Per-attempt deadline: the attempt must commit (answer, or send its first stream
 * event) within `ms`, else it is aborted — closing the upstream socket — and fails
 * as a retryable timeout. A committed stream then runs under the call's deadline.
 */
export function withAttemptDeadline<T>(ms: number, next: AttemptFn<T>): AttemptFn<T> {
  return async (model, parent, record) => {
    const link = linkedAbort(parent);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      link.abort(timeoutError(model.alias, ms));
    }, ms);
    try {
      // on success the link stays: a committed stream keeps reading under it, and the
      // parent (the call's own signal) still cancels it
      return await next(model, link.signal, record);
    } catch (error) {
      link.release();
      if (timedOut && !parent.aborted) throw link.signal.reason;
      throw toShipgateError(error);
    } finally {
      clearTimeout(timer);
    }
  };
}

function timeoutError(alias: string, ms: number): ShipgateError {
  return new ShipgateError(ErrorCode.UpstreamTimeout, `${alias} did not answer within ${ms} ms`, {
    retryable: true,
  });
}

import { ErrorCode, ShipgateError, toShipgateError } from '../../errors.js';
import type { AttemptFn } from './attempt.js';

/**
 * Per-attempt deadline: the attempt must commit (answer, or send its first stream
 * event) within `ms`, else it is aborted — closing the upstream socket — and fails
 * as a retryable timeout. A committed stream then runs under the call's deadline.
 */
export function withAttemptDeadline<T>(ms: number, next: AttemptFn<T>): AttemptFn<T> {
  return async (model, parent, record) => {
    const controller = new AbortController();
    const timeout = new ShipgateError(
      ErrorCode.UpstreamTimeout,
      `${model.alias} did not answer within ${ms} ms`,
      { retryable: true },
    );
    const timer = setTimeout(() => controller.abort(timeout), ms);
    try {
      return await next(model, AbortSignal.any([parent, controller.signal]), record);
    } catch (error) {
      if (controller.signal.aborted && !parent.aborted) throw timeout;
      throw toShipgateError(error);
    } finally {
      clearTimeout(timer);
    }
  };
}

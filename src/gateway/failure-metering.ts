/**
 * What a failed call cost, for the caller's budget (issue 10.2): a call that fails
 * after the upstream billed tokens (a body cut mid-transfer, a stream that broke
 * before it could be committed) is metered in the background; the thrown error
 * carries that metering so the server can charge the key too. A WeakMap, not a
 * property: the error object stays what every other layer expects.
 */
import type { Metered } from './call-meter.js';

const byError = new WeakMap<object, Promise<Metered | null>>();

export function attachFailureMetering<E extends object>(
  error: E,
  metered: Promise<Metered | null>,
): E {
  byError.set(error, metered);
  return error;
}

/** The metering of a failed gateway call, when the error came from one. */
export function failureMetering(error: unknown): Promise<Metered | null> | undefined {
  return typeof error === 'object' && error !== null ? byError.get(error) : undefined;
}

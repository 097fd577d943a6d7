/**
 * Identical in-flight requests share one upstream call. Each caller keeps its own
 * cancellation: the shared call is aborted only when every caller has gone.
 */
import { ErrorCode, ShipgateError } from '../errors.js';

interface Shared<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof ShipgateError
    ? signal.reason
    : new ShipgateError(ErrorCode.Aborted, 'The completion was cancelled.');
}

export class InFlight<T> {
  readonly #calls = new Map<string, Shared<T>>();

  get size(): number {
    return this.#calls.size;
  }

  run(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>) {
    let shared = this.#calls.get(key);
    if (!shared) {
      const controller = new AbortController();
      const created: Shared<T> = { controller, waiters: 0, promise: start(controller.signal) };
      created.promise
        .catch(() => undefined)
        .finally(() => {
          if (this.#calls.get(key) === created) this.#calls.delete(key);
        });
      this.#calls.set(key, created);
      shared = created;
    }
    return this.#join(key, shared, signal);
  }

  #join(key: string, shared: Shared<T>, signal: AbortSignal | undefined): Promise<T> {
    shared.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        leave();
        shared.waiters -= 1;
        if (shared.waiters === 0) {
          if (this.#calls.get(key) === shared) this.#calls.delete(key);
          shared.controller.abort(abortError(signal as AbortSignal));
        }
        reject(abortError(signal as AbortSignal));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => (leave(), resolve(value)),
        (error: unknown) => (leave(), reject(error)),
      );
    });
  }
}

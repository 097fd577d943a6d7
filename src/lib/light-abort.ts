/**
 * A cancellation signal for the gateway's hot path. Node 20's AbortSignal is an
 * EventTarget whose prototype is swapped after construction; V8's scavenger keeps
 * such objects (and everything their listeners reach) alive, so every per-request
 * AbortController was promoted to the old generation with its request's objects
 * (ADR 0040). This class is an ordinary object: it dies young like the request.
 *
 * It implements the part of AbortSignal the router and the pass-through exchange
 * use; `toAbortSignal` gives a real one, linked, where a library needs it.
 */
export interface CallSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What owns a CallSignal: a real AbortController or a LightAbortController. */
export interface CallController {
  readonly signal: CallSignal;
  abort(reason?: unknown): void;
}

type Listener = () => void;

export class LightSignal implements CallSignal {
  aborted = false;
  reason: unknown = undefined;
  #listeners: Listener[] | null = null;
  #real: AbortSignal | null = null;

  addEventListener(_type: 'abort', listener: Listener): void {
    if (this.aborted) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: Listener): void {
    const listeners = this.#listeners;
    if (!listeners) return;
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  }

  /** Marks the signal aborted and calls each listener once, in the order added. */
  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = null;
    if (listeners) for (const listener of listeners) callListener(listener);
  }

  /** A real AbortSignal that aborts with this one (made once, on first use). */
  asAbortSignal(): AbortSignal {
    return (this.#real ??= linkedRealSignal(this));
  }
}

/** A new real AbortSignal that aborts, with the same reason, when `source` does. */
function linkedRealSignal(source: CallSignal): AbortSignal {
  const controller = new AbortController();
  if (source.aborted) controller.abort(source.reason);
  else source.addEventListener('abort', () => controller.abort(source.reason), { once: true });
  return controller.signal;
}

/** `signal` as a real AbortSignal, for libraries that need one (fetch, the AI SDK). */
export function toAbortSignal(signal: CallSignal): AbortSignal {
  if (signal instanceof LightSignal) return signal.asAbortSignal();
  if (signal instanceof AbortSignal) return signal;
  return linkedRealSignal(signal);
}

export class LightAbortController {
  readonly signal = new LightSignal();

  abort(reason: unknown = abortError()): void {
    this.signal.fire(reason);
  }
}

/** A throwing listener does not stop the others; its error is re-thrown as uncaught, as EventTarget does. */
function callListener(listener: Listener): void {
  try {
    listener();
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}

function abortError(): Error {
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  return error;
}

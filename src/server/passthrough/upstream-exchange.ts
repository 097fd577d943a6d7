import type { IncomingHttpHeaders } from 'node:http';
import { errors, type Dispatcher } from 'undici';
import type { CallSignal } from '../../lib/light-abort.js';
import { UpstreamBody } from './upstream-body.js';

export interface UpstreamRequest {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  signal: CallSignal;
}

export interface UpstreamResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: UpstreamBody;
}

function abortReason(signal: CallSignal): unknown {
  return signal.reason ?? new errors.RequestAbortedError();
}

/**
 * undici's dispatch handler for one pass-through POST: resolves on the response's
 * headers, then feeds the body. What `request()` does, without its async resource,
 * Readable body and stream iteration (ADR 0036 addendum). Aborting the signal aborts
 * the request at any stage: queued, waiting for headers, or mid-body.
 */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | null = null;
  #body: UpstreamBody | null = null;
  #pendingAbort: unknown = null;
  readonly #onAbort = (): void => this.#abort(abortReason(this.signal));

  constructor(
    private readonly signal: CallSignal,
    private readonly resolve: (response: UpstreamResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    if (signal.aborted) this.#pendingAbort = abortReason(signal);
    else signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  #abort(reason: unknown): void {
    if (this.#controller) this.#controller.abort(reason as Error);
    else this.#pendingAbort = reason;
  }

  #done(): void {
    this.signal.removeEventListener('abort', this.#onAbort);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#pendingAbort !== null) controller.abort(this.#pendingAbort as Error);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) return; // 1xx: informational, the answer follows
    const body = new UpstreamBody(controller);
    this.#body = body;
    this.resolve({ statusCode, headers, body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#body?.push(chunk);
  }

  onResponseEnd(): void {
    this.#done();
    this.#body?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#done();
    if (this.#body) this.#body.fail(error);
    else this.reject(error);
  }
}

/** POSTs `request.body` through `dispatcher`; resolves with the status, headers and a readable body. */
export function postUpstream(
  dispatcher: Dispatcher,
  request: UpstreamRequest,
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    dispatcher.dispatch(
      {
        origin: request.origin,
        method: 'POST',
        path: request.path,
        headers: request.headers,
        body: request.body,
      },
      new ExchangeHandler(request.signal, resolve, reject),
    );
  });
}

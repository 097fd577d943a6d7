import type { ServerResponse } from 'node:http';
import type { ExchangeReply } from '../http/exchange.js';
import { overheadMs, type RequestState } from '../http/request-state.js';

const json = 'application/json; charset=utf-8';

/**
 * The lean path's reply (ADR 0036): Fastify's reply semantics for what the
 * inference pipeline uses, no more. Headers gather here and go out in one
 * `writeHead`; a hijacked reply writes to `raw` itself, as with Fastify.
 */
export class LeanReply implements ExchangeReply {
  readonly raw: ServerResponse;
  readonly #state: { shipgate: RequestState };
  readonly #headers: Record<string, string> = {};
  #status = 200;
  #hijacked = false;

  constructor(raw: ServerResponse, request: { shipgate: RequestState }) {
    this.raw = raw;
    this.#state = request;
  }

  /** Whether the handler answered, or took over the response. */
  get sent(): boolean {
    return this.#hijacked || this.raw.headersSent || this.raw.writableEnded;
  }

  code(status: number): this {
    this.#status = status;
    return this;
  }

  header(name: string, value: string): this {
    this.#headers[name.toLowerCase()] = value;
    return this;
  }

  headers(values: Record<string, string>): this {
    for (const name of Object.keys(values)) this.header(name, values[name] as string);
    return this;
  }

  type(contentType: string): this {
    return this.header('content-type', contentType);
  }

  hasHeader(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }

  hijack(): this {
    this.#hijacked = true;
    return this;
  }

  send(payload?: unknown): this {
    if (this.sent) return this;
    const bytes = this.#bytes(payload);
    // what request-state.ts's onSend hook adds to every answer Fastify sends
    if (this.#headers['x-shipgate-overhead-ms'] === undefined)
      this.#headers['x-shipgate-overhead-ms'] = String(overheadMs(this.#state));
    this.#headers['x-shipgate-cache'] ??= 'miss';
    this.#headers['content-length'] = String(Buffer.byteLength(bytes));
    this.raw.writeHead(this.#status, this.#headers);
    this.raw.end(bytes);
    return this;
  }

  /** The body as Fastify would send it: bytes as they are, strings as text, the rest as JSON. */
  #bytes(payload: unknown): Buffer | string {
    const type = this.#headers['content-type'];
    if (payload === undefined) return '';
    if (Buffer.isBuffer(payload)) {
      this.#headers['content-type'] = type ?? 'application/octet-stream';
      return payload;
    }
    if (typeof payload === 'string' && type === undefined) {
      this.#headers['content-type'] = 'text/plain; charset=utf-8';
      return payload;
    }
    if (type === undefined) this.#headers['content-type'] = json;
    else if (type.includes('json') && !/;\s*charset=/i.test(type))
      this.#headers['content-type'] = `${type}; charset=utf-8`;
    return typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? '');
  }
}

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { ExchangeLog, ExchangeRequest } from '../http/exchange.js';
import { genRequestId, type RequestState } from '../http/request-state.js';

/**
 * The lean path's request (ADR 0036): what Fastify's request gives the inference
 * pipeline. The per-request logger is made only when something logs, as Fastify's
 * child logger would carry the request id.
 */
export class LeanRequest implements ExchangeRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly routeOptions: { readonly url: string };
  body: unknown = undefined;
  shipgate: RequestState;
  readonly #logger: FastifyBaseLogger;
  #log: ExchangeLog | undefined;

  constructor(raw: IncomingMessage, route: string, state: RequestState, logger: FastifyBaseLogger) {
    this.id = genRequestId(raw);
    this.method = raw.method ?? 'POST';
    this.url = raw.url ?? route;
    this.headers = raw.headers;
    this.routeOptions = { url: route };
    this.shipgate = state;
    this.#logger = logger;
  }

  get log(): ExchangeLog {
    return (this.#log ??= this.#logger.child({ reqId: this.id }));
  }
}

import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestState } from './request-state.js';

/** What the inference pipeline logs through: Fastify's request logger has it, so does the lean path's. */
export interface ExchangeLog {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * The part of a request the inference pipeline (forward, replies, metering, errors)
 * reads. Fastify's request has all of it; so does the lean path's own request for the
 * hot `/v1` routes (src/server/lean/, ADR 0036). Keep it this small: every member
 * here is one the lean path must provide too.
 */
export interface ExchangeRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly routeOptions: { readonly url?: string };
  readonly log: ExchangeLog;
  shipgate: RequestState;
}

/** The part of a reply the inference pipeline uses (see ExchangeRequest). */
export interface ExchangeReply {
  readonly raw: ServerResponse;
  code(status: number): ExchangeReply;
  header(name: string, value: string): ExchangeReply;
  headers(values: Record<string, string>): ExchangeReply;
  type(contentType: string): ExchangeReply;
  hasHeader(name: string): boolean;
  /** Buffers go out as they are; objects as JSON. */
  send(payload?: unknown): ExchangeReply;
  /** The handler writes to `raw` itself from here on. */
  hijack(): ExchangeReply;
}

import type { ExchangeReply, ExchangeRequest } from '../http/exchange.js';
import { isShipgateError, toShipgateError, type ShipgateError } from '../../errors.js';
import type { ModelRequest } from '../../gateway/types.js';
import type { Translation } from '../passthrough/mixed-attempt.js';
import type { WireRenderer } from '../translate/wire-renderer.js';

/** A `/v1` inference route's handler: Fastify calls it, and so does the lean path. */
export type InferenceHandler = (
  request: ExchangeRequest,
  reply: ExchangeReply,
) => Promise<ExchangeReply | void>;

export function callerOf(request: ExchangeRequest): string {
  return request.shipgate.principal?.name ?? 'local';
}

/**
 * What a candidate in the other protocol needs: the strict request (text only, no
 * tools) and the client's renderer, or the reason the request cannot be translated.
 * Candidates that would need an impossible translation are skipped, not failed.
 */
export function translation(strict: () => ModelRequest, render: () => WireRenderer): Translation {
  try {
    return { request: strict(), render };
  } catch (error) {
    if (!isShipgateError(error)) throw error;
    return { error: toShipgateError(error) };
  }
}

export function untranslatable(error: ShipgateError): Translation {
  return { error };
}

/** A forwarded header value is sane: visible ASCII and spaces, at most 256 characters. */
const forwardable = /^[\x20-\x7e]{1,256}$/;

/** Client headers the Anthropic pass-through forwards (sane values only; others are dropped). */
export function anthropicForwardHeaders(request: ExchangeRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['anthropic-version', 'anthropic-beta']) {
    const value = request.headers[name];
    if (typeof value === 'string' && forwardable.test(value)) out[name] = value;
  }
  return out;
}

/** Client headers the OpenAI pass-through forwards (they change the answer or its billing). */
export function openaiForwardHeaders(request: ExchangeRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['openai-organization', 'openai-project']) {
    const value = request.headers[name];
    if (typeof value === 'string' && forwardable.test(value)) out[name] = value;
  }
  return out;
}

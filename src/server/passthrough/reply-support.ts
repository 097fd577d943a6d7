import type { ServerResponse } from 'node:http';
import type { ExchangeReply, ExchangeRequest } from '../http/exchange.js';
import type { PassthroughCall } from '../../gateway/gateway.js';
import { headerSafe } from '../../gateway/model-label.js';
import type { FinishReason, ModelRequest } from '../../gateway/types.js';
import { recordCall, type EffectsDeps } from '../call-effects.js';
import { renderError } from '../http/error-handler.js';
import { overheadMs } from '../http/request-state.js';
import type { Answer } from './mixed-attempt.js';

export interface CallContext {
  model: ModelRequest;
  call: PassthroughCall<Answer>;
}

/** How an answered call ended: done, or failed/cut after `received` text went out. */
export type Outcome =
  | { text: string; finishReason: FinishReason; ttftMs: number }
  | { error: unknown; received: string };

/** The headers every inference answer carries; only sanitised values (issue 9.5). */
export function answerHeaders(
  request: ExchangeRequest,
  call: PassthroughCall<Answer>,
  contentType: string,
  cacheControl?: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-request-id': request.id,
    'x-shipgate-overhead-ms': String(overheadMs(request)),
    'x-shipgate-cache': 'miss',
    'x-shipgate-model': headerSafe(call.model.alias),
    'x-shipgate-attempts': String(call.attempts.length),
  };
  if (cacheControl !== undefined) headers['cache-control'] = cacheControl;
  return headers;
}

/**
 * Meters the call (a cut stream's tokens are counted on a worker), then per-key
 * accounting, metrics, audit. Never throws: it runs after the answer went out.
 */
export async function finishCall(
  deps: EffectsDeps,
  request: ExchangeRequest,
  ctx: CallContext,
  outcome: Outcome,
): Promise<void> {
  const { call } = ctx;
  const metered = await call.end(outcome).catch((error: unknown) => {
    request.log.error({ err: error }, 'metering failed');
    return null;
  });
  if (!metered) return;
  recordCall(deps, request, {
    model: ctx.model,
    result: {
      model: call.model.alias,
      provider: call.model.provider,
      usage: metered.usage,
      costMicros: metered.costMicros,
      latencyMs: performance.now() - request.shipgate.startedAt,
      ttftMs: 'error' in outcome ? null : outcome.ttftMs,
      attempts: call.attempts,
      cache: 'miss',
    },
  });
}

export function waitDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}

export function write(res: ServerResponse, chunk: string | Buffer): Promise<void> | void {
  if (res.destroyed || res.write(chunk)) return;
  return waitDrain(res);
}

/**
 * `write`, sent at once: a stream's first bytes. Node holds a response's writes until the
 * next tick, and that tick waits for every promise continuation queued meanwhile (a
 * stream loop whose next chunks already arrived); uncorking now sends the status line,
 * headers and these bytes together (ADR 0047).
 */
export function writeNow(res: ServerResponse, chunk: string | Buffer): Promise<void> | void {
  if (res.destroyed) return;
  res.cork();
  let flowing: boolean;
  try {
    flowing = res.write(chunk);
  } finally {
    res.uncork();
  }
  return flowing ? undefined : waitDrain(res);
}

/** A hijacked reply that failed before its headers went out still answers JSON, never hangs. */
export function failHijacked(reply: ExchangeReply, error: unknown): void {
  const res = reply.raw;
  if (res.destroyed) return;
  if (!res.headersSent) {
    const rendered = renderError(error);
    res.writeHead(rendered.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(rendered.body));
    return;
  }
  res.end();
}

import type { ExchangeReply, ExchangeRequest } from '../http/exchange.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { EffectsDeps } from '../call-effects.js';
import {
  answerHeaders,
  failHijacked,
  finishCall,
  waitDrain,
  writeNow,
  type CallContext,
} from './reply-support.js';
import type { Committed } from './upstream-attempt.js';

type StreamCommitted = Extract<Committed, { kind: 'stream' }>;

/** Copies the upstream's bytes to the client as they arrive; returns why it stopped early, or null. */
async function pipe(reply: ExchangeReply, committed: StreamCommitted): Promise<unknown> {
  const res = reply.raw;
  const { rewrite } = committed;
  try {
    await writeNow(res, committed.first);
    for (;;) {
      const next = await committed.rest.next();
      if (next.done) break;
      committed.scanner.push(next.value);
      if (res.destroyed) break;
      const bytes = rewrite ? rewrite.push(next.value) : next.value;
      if (bytes.length > 0 && !res.write(bytes)) await waitDrain(res);
    }
    if (rewrite && !res.destroyed) res.write(rewrite.end());
    if (res.destroyed) return new ShipgateError(ErrorCode.Aborted, 'the client went away');
    return committed.scanner.scanned.complete
      ? null
      : new ShipgateError(ErrorCode.UpstreamBadResponse, 'the upstream stream ended early');
  } catch (error) {
    return error;
  } finally {
    committed.body.destroy();
  }
}

/** A pass-through stream: headers once committed, then the upstream's bytes untouched. */
export async function streamBytes(
  deps: EffectsDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  ctx: CallContext & { committed: StreamCommitted },
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  const { committed } = ctx;
  let stopped: unknown = null;
  let ttftMs = 0;
  try {
    res.writeHead(200, answerHeaders(request, ctx.call, committed.contentType, 'no-cache'));
    ttftMs = performance.now() - request.shipgate.startedAt;
    stopped = await pipe(reply, committed);
  } catch (error) {
    stopped = error;
    committed.body.destroy();
    failHijacked(reply, error);
  } finally {
    if (!res.destroyed) res.end();
  }
  const { scanned } = committed.scanner;
  const final = ctx.call.attempts[ctx.call.attempts.length - 1];
  if (final) {
    // the scanner's view is the truth: an unusable (invalid) report is no usage
    final.usage = scanned.usage;
    final.usagePartial = scanned.usage !== null && !scanned.usageFinal;
  }
  // A stream cut after its final usage arrived is still a billed, usable call.
  if (stopped === null || (scanned.usage && scanned.usageFinal)) {
    await finishCall(deps, request, ctx, {
      text: scanned.text,
      finishReason: scanned.finishReason,
      ttftMs,
    });
  } else await finishCall(deps, request, ctx, { error: stopped, received: scanned.text });
}

/** A pass-through JSON answer: the upstream's bytes, answered before the accounting. */
export function jsonBytes(
  deps: EffectsDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  ctx: CallContext & { committed: Extract<Committed, { kind: 'json' }> },
): ExchangeReply {
  const { committed } = ctx;
  const ttftMs = performance.now() - request.shipgate.startedAt;
  // Answer first (send writes to the socket synchronously), then account: the
  // metering, metrics and audit work no longer sits between the upstream's answer
  // and the client's. Nothing else runs in between, so the next request of the
  // same key still sees this call's tokens and cost.
  reply.code(200).headers(answerHeaders(request, ctx.call, committed.contentType));
  reply.send(committed.bytes);
  const { scanned } = committed;
  void finishCall(deps, request, ctx, {
    text: scanned.text,
    finishReason: scanned.finishReason,
    ttftMs,
  });
  return reply;
}

import type { ExchangeReply, ExchangeRequest } from '../http/exchange.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { CommittedStream } from '../../gateway/attempts.js';
import type { FinishReason, GenerateOutput, Usage } from '../../gateway/types.js';
import type { EffectsDeps } from '../call-effects.js';
import { renderError } from '../http/error-handler.js';
import {
  answerHeaders,
  failHijacked,
  finishCall,
  write,
  writeNow,
  type CallContext,
} from '../passthrough/reply-support.js';
import type { WireRenderer } from './wire-renderer.js';

interface Pumped {
  text: string;
  finish: FinishReason;
  usage: Usage | null;
  ttftMs: number;
  /** Why the stream stopped early, or null when the upstream finished. */
  stopped: unknown;
}

/** Renders a committed provider stream in the client's protocol, event by event. */
async function pump(
  reply: ExchangeReply,
  request: ExchangeRequest,
  stream: CommittedStream,
  render: WireRenderer,
): Promise<Pumped> {
  const res = reply.raw;
  const out: Pumped = { text: '', finish: 'stop', usage: null, ttftMs: 0, stopped: null };
  try {
    await writeNow(res, render.streamStart());
    out.ttftMs = performance.now() - request.shipgate.startedAt;
    for (let next = stream.first; !next.done; next = await stream.iterator.next()) {
      if (res.destroyed) {
        out.stopped = new ShipgateError(ErrorCode.Aborted, 'the client went away');
        return out;
      }
      const event = next.value;
      if (event.type === 'text') {
        out.text += event.text;
        await write(res, render.streamText(event.text));
      } else if (event.type === 'usage') {
        out.usage = event.usage;
        stream.record.usage = event.usage;
      } else out.finish = event.finishReason;
    }
    await write(res, render.streamEnd(out.finish, out.usage));
  } catch (error) {
    out.stopped = error;
    if (!res.destroyed) await write(res, render.streamError(renderError(error).body));
  }
  return out;
}

/** A translated stream: the provider's events rendered as the client's SSE frames. */
export async function streamTranslated(
  deps: EffectsDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  ctx: CallContext & { stream: CommittedStream; render: WireRenderer },
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  let pumped: Pumped = { text: '', finish: 'stop', usage: null, ttftMs: 0, stopped: null };
  try {
    res.writeHead(
      200,
      answerHeaders(request, ctx.call, 'text/event-stream; charset=utf-8', 'no-cache'),
    );
    pumped = await pump(reply, request, ctx.stream, ctx.render);
  } catch (error) {
    pumped.stopped = error;
    failHijacked(reply, error);
  } finally {
    // always release the provider stream (its socket, the router's deadline timer)
    await ctx.stream.iterator.return?.().catch(() => undefined);
    if (!res.destroyed) res.end();
  }
  const { text, finish, ttftMs, stopped } = pumped;
  if (stopped === null)
    await finishCall(deps, request, ctx, { text, finishReason: finish, ttftMs });
  else await finishCall(deps, request, ctx, { error: stopped, received: text });
}

/**
 * A translated JSON answer, rendered in the client's protocol; returns the bytes
 * sent. Metering runs after the answer unless the upstream sent no usage: then the
 * answer waits for the estimate, so the client sees the counted usage too.
 */
export async function jsonTranslated(
  deps: EffectsDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  ctx: CallContext & { output: GenerateOutput; render: WireRenderer },
): Promise<Buffer> {
  const { output, call } = ctx;
  const ttftMs = performance.now() - request.shipgate.startedAt;
  const metering = finishCall(deps, request, ctx, {
    text: output.text,
    finishReason: output.finishReason,
    ttftMs,
  });
  if (!output.usage) await metering;
  const final = call.attempts[call.attempts.length - 1];
  const body = ctx.render.json({
    text: output.text,
    finishReason: output.finishReason,
    model: call.model.alias,
    provider: call.model.provider,
    usage: final?.usage ?? output.usage,
    attempts: call.attempts,
    cache: 'miss',
    costMicros: 0,
    latencyMs: ttftMs,
    ttftMs,
  });
  const bytes = Buffer.from(JSON.stringify(body));
  reply.code(200).headers(answerHeaders(request, call, 'application/json; charset=utf-8'));
  reply.send(bytes);
  return bytes;
}

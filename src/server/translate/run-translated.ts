import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayStream } from '../../gateway/gateway.js';
import type { Gateway } from '../../gateway/gateway.js';
import type { FinishReason, ModelRequest, StreamEvent, Usage } from '../../gateway/types.js';
import { admit, recordCall, type EffectsDeps } from '../call-effects.js';
import { renderError } from '../http/error-handler.js';
import { overheadMs } from '../http/request-state.js';
import type { WireRenderer } from './wire-renderer.js';

export interface TranslateDeps extends EffectsDeps {
  gateway: Gateway;
}

function write(reply: FastifyReply, text: string): Promise<void> | void {
  const res = reply.raw;
  if (res.destroyed || res.write(text)) return;
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}

async function pump(
  reply: FastifyReply,
  render: WireRenderer,
  iterator: AsyncIterator<StreamEvent>,
  first: IteratorResult<StreamEvent>,
): Promise<void> {
  let finish: FinishReason = 'stop';
  let usage: Usage | null = null;
  try {
    await write(reply, render.streamStart());
    for (let next = first; !next.done; next = await iterator.next()) {
      if (reply.raw.destroyed) break;
      const event = next.value;
      if (event.type === 'text') await write(reply, render.streamText(event.text));
      else if (event.type === 'usage') usage = event.usage;
      else finish = event.finishReason;
    }
    if (!reply.raw.destroyed) await write(reply, render.streamEnd(finish, usage));
  } catch (error) {
    if (!reply.raw.destroyed) await write(reply, render.streamError(renderError(error).body));
  } finally {
    await iterator.return?.().catch(() => undefined);
  }
}

async function streamTranslated(
  deps: TranslateDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { model: ModelRequest; render: WireRenderer },
): Promise<void> {
  const state = request.shipgate;
  const waitStart = performance.now();
  let stream: GatewayStream;
  let iterator: AsyncIterator<StreamEvent>;
  let first: IteratorResult<StreamEvent>;
  try {
    stream = await deps.gateway.stream(input.model, { signal: state.abort.signal });
    iterator = stream.events[Symbol.asyncIterator]();
    first = await iterator.next();
  } finally {
    state.upstreamMs += performance.now() - waitStart;
  }
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': request.id,
    'x-shipgate-overhead-ms': String(overheadMs(request)),
    'x-shipgate-cache': stream.cache === 'hit' ? 'hit' : 'miss',
    'x-shipgate-model': stream.model,
  });
  await pump(reply, input.render, iterator, first);
  if (!reply.raw.destroyed) reply.raw.end();
  const result = await stream.result.catch(() => null);
  if (result) recordCall(deps, request, { model: input.model, result });
}

/**
 * The translation path (client and upstream protocols differ): the call goes through
 * the gateway's providers (AI SDK) and is rendered in the client's wire format.
 */
export async function runTranslated(
  deps: TranslateDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { model: ModelRequest; stream: boolean; render: WireRenderer },
): Promise<FastifyReply | void> {
  admit(deps, request, input.model);
  if (input.stream) return streamTranslated(deps, request, reply, input);
  const result = await deps.gateway.generate(input.model, {
    signal: request.shipgate.abort.signal,
  });
  request.shipgate.upstreamMs += result.attempts.reduce((sum, a) => sum + a.durationMs, 0);
  recordCall(deps, request, { model: input.model, result });
  return reply
    .header('x-shipgate-cache', result.cache === 'hit' ? 'hit' : 'miss')
    .header('x-shipgate-model', result.model)
    .send(input.render.json(result));
}

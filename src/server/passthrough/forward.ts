import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { callCostMicros } from '../../gateway/call-result.js';
import type { Gateway, PassthroughCall } from '../../gateway/gateway.js';
import type { ModelRequest } from '../../gateway/types.js';
import { admit, recordCall, type EffectsDeps } from '../call-effects.js';
import { overheadMs } from '../http/request-state.js';
import {
  upstreamAttempt,
  type AttemptDeps,
  type Committed,
  type UpstreamCall,
} from './upstream-attempt.js';
import { PassthroughCache, type CachedBytes } from './byte-cache.js';
import type { Scanned } from './usage-scan.js';

export interface ForwardDeps extends EffectsDeps, Omit<AttemptDeps, 'onUpstreamWait'> {
  gateway: Gateway;
  passthroughCache: PassthroughCache | null;
}

type StreamCommitted = Extract<Committed, { kind: 'stream' }>;

function waitDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}

function finish(
  deps: ForwardDeps,
  request: FastifyRequest,
  ctx: { model: ModelRequest; call: PassthroughCall<Committed> },
  outcome: { scanned: Scanned; ttftMs: number } | { error: unknown },
): void {
  const { call } = ctx;
  if ('error' in outcome) {
    call.end({ error: outcome.error });
    return;
  }
  const { scanned, ttftMs } = outcome;
  call.end({ text: scanned.text, finishReason: scanned.finishReason, ttftMs });
  const final = call.attempts[call.attempts.length - 1];
  recordCall(deps, request, {
    model: ctx.model,
    result: {
      model: call.model.alias,
      provider: call.model.provider,
      usage: final?.usage ?? null,
      costMicros: callCostMicros(call.attempts, [call.model]),
      latencyMs: performance.now() - request.shipgate.startedAt,
      ttftMs,
      attempts: call.attempts,
      cache: 'miss',
    },
  });
}

async function pipe(reply: FastifyReply, committed: StreamCommitted): Promise<unknown> {
  const res = reply.raw;
  try {
    if (!res.write(committed.first)) await waitDrain(res);
    for (;;) {
      const next = await committed.rest.next();
      if (next.done) break;
      committed.scanner.push(next.value);
      if (res.destroyed) break;
      if (!res.write(next.value)) await waitDrain(res);
    }
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

async function streamReply(
  deps: ForwardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { model: ModelRequest; call: PassthroughCall<Committed>; committed: StreamCommitted },
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': ctx.committed.contentType,
    'cache-control': 'no-cache',
    'x-request-id': request.id,
    'x-shipgate-overhead-ms': String(overheadMs(request)),
    'x-shipgate-cache': 'miss',
    'x-shipgate-model': ctx.call.model.alias,
  });
  const ttftMs = performance.now() - request.shipgate.startedAt;
  const error = await pipe(reply, ctx.committed);
  if (!res.destroyed) res.end();
  const scanned = ctx.committed.scanner.scanned;
  // A stream cut short after its usage arrived is still a billed, usable call.
  if (error && !scanned.usage) finish(deps, request, ctx, { error });
  else finish(deps, request, ctx, { scanned, ttftMs });
}

/**
 * The byte hot path: route the call through the gateway (retry, fallback, breaker,
 * deadlines, metering) with attempts that POST the client's body to the upstream
 * and hand its bytes back untouched while reading usage on the fly.
 */
export async function forward(
  deps: ForwardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { model: ModelRequest; upstream: UpstreamCall },
): Promise<FastifyReply | void> {
  admit(deps, request, input.model);
  const cacheKey = passthroughKey(deps, input);
  const hit = cacheKey ? deps.passthroughCache?.get(cacheKey) : undefined;
  if (hit) return replyFromCache(deps, request, reply, { model: input.model, hit });
  const state = request.shipgate;
  const attempt = upstreamAttempt(
    { ...deps, onUpstreamWait: (ms) => (state.upstreamMs += ms) },
    input.upstream,
  );
  const call = await deps.gateway.passthrough(input.model, attempt, { signal: state.abort.signal });
  const committed = call.value;
  if (committed.kind === 'stream') {
    await streamReply(deps, request, reply, { model: input.model, call, committed });
    return;
  }
  const ttftMs = performance.now() - state.startedAt;
  // Answer first (send writes to the socket synchronously), then account: the
  // metering, metrics and audit work no longer sits between the upstream's answer
  // and the client's. Nothing else runs in between, so the next request of the
  // same key still sees this call's tokens and cost.
  reply
    .code(200)
    .header('content-type', committed.contentType)
    .header('x-shipgate-model', call.model.alias)
    .send(committed.bytes);
  finish(deps, request, { model: input.model, call }, { scanned: committed.scanned, ttftMs });
  const usage = call.attempts[call.attempts.length - 1]?.usage ?? null;
  if (cacheKey && committed.scanned.complete) {
    deps.passthroughCache?.set(cacheKey, {
      bytes: committed.bytes,
      contentType: committed.contentType,
      usage,
      model: call.model.alias,
      provider: call.model.provider,
    });
  }
  return reply;
}

function passthroughKey(
  deps: ForwardDeps,
  input: { model: ModelRequest; upstream: UpstreamCall },
): string | null {
  const { upstream } = input;
  if (!deps.passthroughCache || !PassthroughCache.cacheable(upstream.body, upstream.stream))
    return null;
  return PassthroughCache.keyOf(
    upstream.endpoint,
    input.model.model ?? `task:${input.model.task}`,
    upstream.body,
  );
}

/** A cached pass-through answer: the upstream's exact bytes, metered as a hit (cost 0). */
function replyFromCache(
  deps: ForwardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { model: ModelRequest; hit: CachedBytes },
): FastifyReply {
  const { hit } = ctx;
  reply
    .code(200)
    .header('content-type', hit.contentType)
    .header('x-shipgate-cache', 'hit')
    .header('x-shipgate-model', hit.model)
    .send(hit.bytes);
  deps.gateway.meterCacheHit(ctx.model, hit);
  const latencyMs = performance.now() - request.shipgate.startedAt;
  recordCall(deps, request, {
    model: ctx.model,
    result: {
      model: hit.model,
      provider: hit.provider,
      usage: hit.usage,
      costMicros: 0,
      latencyMs,
      ttftMs: latencyMs,
      attempts: [],
      cache: 'hit',
    },
  });
  return reply;
}

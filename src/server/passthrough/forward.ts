import type { ExchangeReply, ExchangeRequest } from '../http/exchange.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { Gateway } from '../../gateway/gateway.js';
import { headerSafe } from '../../gateway/model-label.js';
import type { ModelRequest, ModelSpec } from '../../gateway/types.js';
import { admit, chargeFailure, recordCall, type EffectsDeps } from '../call-effects.js';
import { jsonTranslated, streamTranslated } from '../translate/translated-reply.js';
import { PassthroughCache, type CachedBytes } from './byte-cache.js';
import { jsonBytes, streamBytes } from './byte-reply.js';
import { canServe, mixedAttempt, type MixedCall, type MixedDeps } from './mixed-attempt.js';

export interface ForwardDeps extends EffectsDeps, Omit<MixedDeps, 'onUpstreamWait' | 'gateway'> {
  gateway: Gateway;
  passthroughCache: PassthroughCache | null;
}

export interface InferenceInput extends MixedCall {
  /** The request as routing, limits and metering see it (content flattened to text). */
  model: ModelRequest;
}

/**
 * The candidates that can serve this request: the model and its fallbacks, minus
 * those in the other protocol when the request cannot be translated. None left:
 * the reason translation is impossible (a 400 that says what to change).
 */
function candidatesFor(deps: ForwardDeps, input: InferenceInput): ModelSpec[] {
  const all = deps.gateway.registry.candidates(input.model.task, input.model.model);
  const usable = all.filter((spec) => canServe(deps, input, spec.provider));
  if (usable.length > 0) return usable;
  if ('error' in input.translation) throw input.translation.error;
  throw new ShipgateError(
    ErrorCode.NoProvider,
    `no configured provider serves ${all.map((s) => headerSafe(s.alias)).join(', ')}`,
  );
}

/**
 * Every /v1 inference request (issue 10.1): admission, the byte cache, then the
 * gateway's router over the model and its fallbacks; each attempt passes bytes
 * through or translates, whichever the candidate's protocol needs; then the reply
 * in the client's protocol and metering, including cut streams.
 */
export async function forward(
  deps: ForwardDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  input: InferenceInput,
): Promise<ExchangeReply | void> {
  await admit(deps, request, input.model);
  const models = candidatesFor(deps, input);
  const cacheKey = passthroughKey(deps, request, input);
  const hit = cacheKey ? deps.passthroughCache?.get(cacheKey) : undefined;
  if (hit) return replyFromCache(deps, request, reply, { model: input.model, hit });
  const state = request.shipgate;
  // named fields, not a spread of the server's deps: copying them cost ~2 % CPU per request
  const attempt = mixedAttempt(
    {
      providers: deps.providers,
      pools: deps.pools,
      gateway: deps.gateway,
      redactWith: deps.redactWith,
      onUpstreamWait: (ms) => (state.upstreamMs += ms),
    },
    input,
  );
  const call = await deps.gateway
    .passthrough(input.model, attempt, { controller: state.abort, models })
    .catch((error: unknown) => {
      chargeFailure(deps, request, error);
      throw error;
    });
  const answer = call.value;
  const model = input.model;
  // contexts written out, not spread with added keys: see ADR 0046
  if (answer.via === 'translated-stream') {
    const { stream, render } = answer;
    return streamTranslated(deps, request, reply, { model, call, stream, render });
  }
  if (answer.via === 'translated-json') {
    const { output, render } = answer;
    const bytes = await jsonTranslated(deps, request, reply, { model, call, output, render });
    if (cacheKey) store(deps, cacheKey, call, { bytes, contentType: 'application/json' });
    return reply;
  }
  const { committed } = answer;
  if (committed.kind === 'stream')
    return streamBytes(deps, request, reply, { model, call, committed });
  jsonBytes(deps, request, reply, { model, call, committed });
  if (cacheKey && committed.scanned.complete) store(deps, cacheKey, call, committed);
  return reply;
}

function store(
  deps: ForwardDeps,
  key: string,
  call: { model: ModelSpec; attempts: Array<{ usage: CachedBytes['usage'] }> },
  answer: { bytes: Buffer; contentType: string },
): void {
  deps.passthroughCache?.set(key, {
    bytes: answer.bytes,
    contentType: answer.contentType,
    usage: call.attempts[call.attempts.length - 1]?.usage ?? null,
    model: call.model.alias,
    provider: call.model.provider,
  });
}

/** Keyed by tenant and every header that changes the answer, not only the body (issue 9.6). */
function passthroughKey(
  deps: ForwardDeps,
  request: ExchangeRequest,
  input: InferenceInput,
): string | null {
  const { upstream } = input;
  if (!deps.passthroughCache || !PassthroughCache.cacheable(upstream.body, upstream.stream))
    return null;
  return PassthroughCache.keyOf({
    endpoint: upstream.endpoint,
    model: input.model.model ?? `task:${input.model.task}`,
    tenant: request.shipgate.principal?.keyId ?? 'local',
    headers: upstream.forwardHeaders,
    body: upstream.body,
  });
}

/** A cached answer: the exact bytes served before, metered as a hit (cost 0). */
function replyFromCache(
  deps: ForwardDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  ctx: { model: ModelRequest; hit: CachedBytes },
): ExchangeReply {
  const { hit } = ctx;
  reply
    .code(200)
    .header('content-type', hit.contentType)
    .header('x-shipgate-cache', 'hit')
    .header('x-shipgate-model', headerSafe(hit.model))
    .header('x-shipgate-attempts', '0')
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

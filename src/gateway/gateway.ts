import type { ShipgateConfig } from '../config/load.js';
import { toShipgateError } from '../errors.js';
import { generateAttempt, providerLookup, streamAttempt, type ProviderLookup } from './attempts.js';
import type { CacheBackend } from './cache/backends.js';
import { cacheKey, isCacheable } from './cache/key.js';
import { ResponseCache, type CachedResponse } from './cache/response-cache.js';
import { callCostMicros, toUsageRecord, type GatewayResult } from './call-result.js';
import { TokenEstimator } from './estimate.js';
import { MeterWriter, type UsageSink } from './metering/meter-writer.js';
import { ModelRegistry } from './registry.js';
import { systemClock, type AttemptRecord, type Clock } from './router/attempt.js';
import { BreakerRegistry } from './router/breaker.js';
import { route, type RouterDeps } from './router/route.js';
import type { Sleep } from './router/sleep.js';
import { pipeStream, replayCached, type StreamEnd } from './stream-call.js';
import type { ModelRequest, ModelSpec, Provider, StreamEvent } from './types.js';

export interface GatewayDeps {
  config: Pick<ShipgateConfig, 'routing' | 'cache' | 'metering' | 'models' | 'providers'>;
  providers: ReadonlyMap<string, Provider>;
  usageSink?: UsageSink | null;
  cacheBackend?: CacheBackend;
  clock?: Clock;
  random?: () => number;
  sleep?: Sleep;
  onBackgroundError?: (error: unknown) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface GatewayStream {
  events: AsyncIterable<StreamEvent>;
  model: string;
  provider: string;
  cache: GatewayResult['cache'];
  /** Settles when the stream has ended: the metered result, or the error it ended with. */
  result: Promise<GatewayResult>;
}

interface CallState {
  request: ModelRequest;
  models: ModelSpec[];
  startedAt: number;
  log: AttemptRecord[];
  key: string | null;
}

/** The one path every model call takes: cache → route (fallback/retry/breaker/deadlines) → meter. */
export class Gateway {
  readonly registry: ModelRegistry;
  readonly breakers: BreakerRegistry;
  readonly meter: MeterWriter;
  readonly #cache: ResponseCache | null;
  readonly #lookup: ProviderLookup;
  readonly #router: RouterDeps;
  readonly #clock: Clock;
  readonly #estimator = new TokenEstimator();

  constructor(private readonly deps: GatewayDeps) {
    const { config } = deps;
    this.#clock = deps.clock ?? systemClock;
    this.registry = new ModelRegistry(config);
    this.breakers = new BreakerRegistry(config.routing.breaker, this.#clock);
    this.meter = new MeterWriter(deps.usageSink ?? null, {
      ...config.metering,
      onError: deps.onBackgroundError,
    });
    this.#lookup = providerLookup(deps.providers);
    this.#router = {
      retry: config.routing.retry,
      breakers: this.breakers,
      clock: this.#clock,
      random: deps.random ?? Math.random,
      sleep: deps.sleep,
    };
    this.#cache = config.cache.enabled
      ? new ResponseCache({
          ttlMs: config.cache.ttlSeconds * 1000,
          maxEntries: config.cache.maxEntries,
          backend: deps.cacheBackend,
          clock: this.#clock,
          onBackendError: deps.onBackgroundError,
        })
      : null;
  }

  #begin(request: ModelRequest): CallState {
    const models = this.registry.candidates(request.task, request.model);
    const key = this.#cache && isCacheable(request) ? cacheKey(request) : null;
    return { request, models, startedAt: this.#clock.now(), log: [], key };
  }

  async generate(request: ModelRequest, options: CallOptions = {}): Promise<GatewayResult> {
    const state = this.#begin(request);
    const acquired = (await this.#cache?.acquire(state.key)) ?? {};
    if ('hit' in acquired) return this.#finishHit(state, acquired.hit);
    const { settle } = acquired;
    try {
      const deadlines = this.deps.config.routing.deadlines[request.task];
      const routed = await route(this.#router, {
        models: state.models,
        deadlines,
        attempt: generateAttempt(this.#lookup, request),
        log: state.log,
        signal: options.signal,
      });
      routed.release();
      const { text, finishReason } = routed.value;
      const latency = this.#clock.now() - state.startedAt;
      const result = this.#finishMiss(state, routed.model, { text, finishReason, ttftMs: latency });
      settle?.(this.#entryOf(result));
      return result;
    } catch (error) {
      settle?.(null);
      this.#meterFailure(state, error);
      throw toShipgateError(error);
    }
  }

  async stream(request: ModelRequest, options: CallOptions = {}): Promise<GatewayStream> {
    const state = this.#begin(request);
    const acquired = (await this.#cache?.acquire(state.key)) ?? {};
    if ('hit' in acquired) {
      const { hit } = acquired;
      const result = this.#finishHit(state, hit);
      return {
        events: replayCached(hit),
        model: hit.model,
        provider: hit.provider,
        cache: 'hit',
        result: Promise.resolve(result),
      };
    }
    const { settle } = acquired;
    const local = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, local.signal]) : local.signal;
    let routed;
    try {
      const deadlines = this.deps.config.routing.deadlines[request.task];
      routed = await route(this.#router, {
        models: state.models,
        deadlines,
        attempt: streamAttempt(this.#lookup, request),
        log: state.log,
        signal,
      });
    } catch (error) {
      settle?.(null);
      this.#meterFailure(state, error);
      throw toShipgateError(error);
    }
    const { value: committed, model, release } = routed;
    let resolveResult!: (r: GatewayResult) => void;
    let rejectResult!: (e: unknown) => void;
    const result = new Promise<GatewayResult>(
      (res, rej) => ((resolveResult = res), (rejectResult = rej)),
    );
    result.catch(() => undefined);
    const onEnd = (end: StreamEnd): void => {
      release();
      if (end.kind === 'done') {
        const r = this.#finishMiss(state, model, end);
        settle?.(this.#entryOf(r));
        resolveResult(r);
        return;
      }
      settle?.(null);
      const error = end.kind === 'error' ? end.error : signal.reason;
      this.#meterFailure(state, error, model);
      rejectResult(toShipgateError(error));
    };
    const events = pipeStream({
      committed,
      clock: this.#clock,
      startedAt: state.startedAt,
      cancel: () => local.abort(),
      onEnd,
    });
    return {
      events,
      model: model.alias,
      provider: model.provider,
      cache: state.key ? 'miss' : 'bypass',
      result,
    };
  }

  #finishMiss(
    state: CallState,
    model: ModelSpec,
    end: { text: string; finishReason: GatewayResult['finishReason']; ttftMs: number | null },
  ): GatewayResult {
    const final = state.log[state.log.length - 1];
    if (final && !final.usage)
      final.usage = this.#estimator.estimateUsage(state.request.messages, end.text);
    const latencyMs = this.#clock.now() - state.startedAt;
    const costMicros = callCostMicros(state.log, state.models);
    this.meter.record(
      toUsageRecord({
        request: state.request,
        startedAt: Date.now() - latencyMs,
        latencyMs,
        ttftMs: end.ttftMs,
        model: model.alias,
        provider: model.provider,
        attempts: state.log,
        cacheHit: false,
        status: 'ok',
        costMicros,
      }),
    );
    return {
      text: end.text,
      finishReason: end.finishReason,
      model: model.alias,
      provider: model.provider,
      usage: final?.usage ?? null,
      attempts: state.log,
      cache: state.key ? 'miss' : 'bypass',
      costMicros,
      latencyMs,
      ttftMs: end.ttftMs,
    };
  }

  #finishHit(state: CallState, hit: CachedResponse): GatewayResult {
    const latencyMs = this.#clock.now() - state.startedAt;
    this.meter.record(
      toUsageRecord({
        request: state.request,
        startedAt: Date.now() - latencyMs,
        latencyMs,
        ttftMs: latencyMs,
        model: hit.model,
        provider: hit.provider,
        attempts: [],
        cacheHit: true,
        status: 'ok',
        costMicros: 0,
      }),
    );
    return {
      text: hit.text,
      finishReason: hit.finishReason,
      model: hit.model,
      provider: hit.provider,
      usage: hit.usage,
      attempts: [],
      cache: 'hit',
      costMicros: 0,
      latencyMs,
      ttftMs: latencyMs,
    };
  }

  #meterFailure(state: CallState, error: unknown, model?: ModelSpec): void {
    const last = state.log[state.log.length - 1];
    const alias = model?.alias ?? last?.model ?? state.models[0]?.alias ?? 'unknown';
    const provider = model?.provider ?? last?.provider ?? state.models[0]?.provider ?? 'unknown';
    const latencyMs = this.#clock.now() - state.startedAt;
    const costMicros = callCostMicros(state.log, state.models);
    this.meter.record(
      toUsageRecord({
        request: state.request,
        startedAt: Date.now() - latencyMs,
        latencyMs,
        ttftMs: null,
        model: alias,
        provider,
        attempts: state.log,
        cacheHit: false,
        status: toShipgateError(error).code,
        costMicros,
      }),
    );
  }

  #entryOf(result: GatewayResult): CachedResponse | null {
    if (!result.usage || result.finishReason === 'error') return null;
    return {
      text: result.text,
      finishReason: result.finishReason,
      model: result.model,
      provider: result.provider,
      usage: result.usage,
      createdAt: Date.now(),
    };
  }

  async close(): Promise<void> {
    await this.meter.close();
  }
}

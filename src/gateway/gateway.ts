import type { ShipgateConfig } from '../config/load.js';
import { toShipgateError, type ShipgateError } from '../errors.js';
import type { CallController, CallSignal } from '../lib/light-abort.js';
import {
  generateAttempt,
  providerLookup,
  streamAttempt,
  type CommittedStream,
  type ProviderLookup,
} from './attempts.js';
import type { CacheBackend } from './cache/backends.js';
import { cacheKey, isCacheable } from './cache/key.js';
import { ResponseCache } from './cache/response-cache.js';
import { sumUsage, type GatewayResult } from './call-result.js';
import { CallMeter, type CallState, type Metered } from './call-meter.js';
import { attachFailureMetering } from './failure-metering.js';
import { MeterWriter, type UsageSink } from './metering/meter-writer.js';
import { ModelRegistry } from './registry.js';
import { systemClock, type AttemptFn, type AttemptRecord, type Clock } from './router/attempt.js';
import { BreakerRegistry } from './router/breaker.js';
import { linkedAbort } from './router/linked-abort.js';
import { route, type Routed, type RouterDeps } from './router/route.js';
import type { OffThreadCount } from './estimate.js';
import type { Sleep } from './router/sleep.js';
import { pipeStream, replayCached, type StreamEnd } from './stream-call.js';
import type {
  GenerateOutput,
  ModelRequest,
  ModelSpec,
  Provider,
  StreamEvent,
  Usage,
} from './types.js';

export interface GatewayDeps {
  config: Pick<ShipgateConfig, 'routing' | 'cache' | 'metering' | 'models' | 'providers'>;
  providers: ReadonlyMap<string, Provider>;
  usageSink?: UsageSink | null;
  cacheBackend?: CacheBackend;
  clock?: Clock;
  random?: () => number;
  sleep?: Sleep;
  onBackgroundError?: (error: unknown) => void;
  /** Counts cut streams' tokens off the event loop (the store's writer thread); default: a worker of its own. */
  countOffThread?: OffThreadCount;
  /** issue 15: the egress policy step (src/policy/egress-step.ts); may drop or substitute candidates, or throw 403. */
  egress?: ((request: ModelRequest, candidates: ModelSpec[]) => ModelSpec[]) | null;
}

export interface CallOptions {
  signal?: CallSignal;
}

export interface PassthroughOptions extends CallOptions {
  /** The candidates to try, in order (default: the registry's for the request). */
  models?: ModelSpec[];
  /** Instead of `signal`: the caller's controller for this call alone (see RouteCall). */
  controller?: CallController;
}

export interface GatewayStream {
  events: AsyncIterable<StreamEvent>;
  model: string;
  provider: string;
  cache: GatewayResult['cache'];
  /** Settles when the stream has ended: the metered result, or the error it ended with. */
  result: Promise<GatewayResult>;
}

export interface PassthroughCall<T> {
  value: T;
  model: ModelSpec;
  attempts: AttemptRecord[];
  signal: CallSignal;
  /** Meters the call once (later calls return the first result). */
  end(
    outcome:
      | { text: string; finishReason: GatewayResult['finishReason']; ttftMs: number | null }
      | { error: unknown; received?: string },
  ): Promise<Metered>;
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
  readonly #calls: CallMeter;

  constructor(private readonly deps: GatewayDeps) {
    const { config } = deps;
    this.#clock = deps.clock ?? systemClock;
    this.registry = new ModelRegistry(config);
    this.breakers = new BreakerRegistry(config.routing.breaker, this.#clock);
    this.meter = new MeterWriter(deps.usageSink ?? null, {
      onError: deps.onBackgroundError,
      ...config.metering,
    });
    this.#calls = new CallMeter(this.meter, this.#clock, deps.countOffThread);
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
          maxBytes: config.cache.maxBytes,
          backend: deps.cacheBackend,
          clock: this.#clock,
          onBackendError: deps.onBackgroundError,
        })
      : null;
  }

  /** `uncached`: the caller keeps its own cache (the byte pass-through), so this call bypasses ours. */
  #begin(request: ModelRequest, given?: ModelSpec[], uncached = false): CallState {
    const models = given ?? this.registry.candidates(request.task, request.model);
    const key = !uncached && this.#cache && isCacheable(request) ? cacheKey(request) : null;
    const allowed = this.deps.egress ? this.deps.egress(request, models) : models; // issue 15
    return { request, models: allowed, startedAt: this.#clock.now(), log: [], key };
  }

  async generate(request: ModelRequest, options: CallOptions = {}): Promise<GatewayResult> {
    const state = this.#begin(request);
    const acquired = (await this.#cache?.acquire(state.key)) ?? {};
    if ('hit' in acquired) return this.#calls.finishHit(state, acquired.hit);
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
      const result = await this.#calls.finishMiss(state, routed.model, {
        text,
        finishReason,
        ttftMs: latency,
      });
      settle?.(this.#calls.entryOf(result));
      return result;
    } catch (error) {
      settle?.(null);
      throw this.#failed(state, error);
    }
  }

  /** Meters a failed call in the background (a broken 2xx body is counted on the worker). */
  #meterFailure(
    state: CallState,
    error: unknown,
    model?: ModelSpec,
    received?: string,
  ): Promise<Metered | null> {
    return this.#calls.meterFailure(state, error, model, received).catch((e: unknown) => {
      this.deps.onBackgroundError?.(e);
      return null;
    });
  }

  /** The error to throw for a failed call, carrying its metering (failure-metering.ts). */
  #failed(state: CallState, error: unknown): ShipgateError {
    return attachFailureMetering(toShipgateError(error), this.#meterFailure(state, error));
  }

  async stream(request: ModelRequest, options: CallOptions = {}): Promise<GatewayStream> {
    const state = this.#begin(request);
    const acquired = (await this.#cache?.acquire(state.key)) ?? {};
    if ('hit' in acquired) {
      const { hit } = acquired;
      const result = this.#calls.finishHit(state, hit);
      return {
        events: replayCached(hit),
        model: hit.model,
        provider: hit.provider,
        cache: 'hit',
        result: Promise.resolve(result),
      };
    }
    const { settle } = acquired;
    const local = linkedAbort(options.signal);
    const signal = local.signal;
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
      local.release();
      settle?.(null);
      throw this.#failed(state, error);
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
      local.release();
      if (end.kind === 'done') {
        this.#calls.finishMiss(state, model, end).then(
          (r) => {
            settle?.(this.#calls.entryOf(r));
            resolveResult(r);
          },
          (e: unknown) => {
            settle?.(null);
            rejectResult(e);
          },
        );
        return;
      }
      settle?.(null);
      const error = end.kind === 'error' ? end.error : signal.reason;
      const metered = this.#meterFailure(state, error, model, end.text);
      rejectResult(attachFailureMetering(toShipgateError(error), metered));
    };
    const events = pipeStream({
      committed,
      clock: this.#clock,
      startedAt: state.startedAt,
      cancel: () => local.abort(undefined),
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

  /** Meters an answer the caller served from its own cache (the server's byte pass-through). */
  meterCacheHit(
    request: ModelRequest,
    hit: { model: string; provider: string; usage: Usage | null },
  ): void {
    const state = { request, models: [], startedAt: this.#clock.now(), log: [], key: null };
    const usage = hit.usage ?? {
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      estimated: true,
    };
    this.#calls.finishHit(state, {
      text: '',
      finishReason: 'stop',
      model: hit.model,
      provider: hit.provider,
      usage,
      createdAt: Date.now(),
    });
  }

  /**
   * Routes a call whose attempts the caller makes itself (the server's byte
   * pass-through) under the same fallback/retry/breaker/deadlines; the caller sets
   * `record.usage` as it reads it and calls `end` once, which meters the call.
   */
  async passthrough<T>(
    request: ModelRequest,
    attempt: AttemptFn<T>,
    options: PassthroughOptions = {},
  ): Promise<PassthroughCall<T>> {
    // not `{ ...request, cache: false }`: on Node 20 a spread plus a new key costs ~1.5 µs and
    // leaves garbage that outlives young collections (ADR 0046)
    const state = this.#begin(request, options.models, true);
    const deadlines = this.deps.config.routing.deadlines[request.task];
    let routed: Routed<T>;
    try {
      routed = await route(this.#router, {
        models: state.models,
        deadlines,
        attempt,
        log: state.log,
        signal: options.signal,
        controller: options.controller,
      });
    } catch (error) {
      throw this.#failed(state, error);
    }
    let metered: Promise<Metered> | undefined;
    return {
      value: routed.value,
      model: routed.model,
      attempts: state.log,
      signal: routed.signal,
      end: (outcome) => {
        if (metered) return metered;
        routed.release();
        if ('error' in outcome) {
          const { error, received } = outcome;
          metered = this.#calls.meterFailure(state, error, routed.model, received);
        } else {
          metered = this.#calls
            .finishMiss(state, routed.model, outcome)
            .then((result) => ({ usage: sumUsage(state.log), costMicros: result.costMicros }));
        }
        return metered;
      },
    };
  }

  /** Provider attempts (the AI SDK, the translation path) for callers that route themselves. */
  providerAttempts(request: ModelRequest): {
    generate: AttemptFn<GenerateOutput>;
    stream: AttemptFn<CommittedStream>;
  } {
    return {
      generate: generateAttempt(this.#lookup, request),
      stream: streamAttempt(this.#lookup, request),
    };
  }

  async close(): Promise<void> {
    await this.meter.close();
  }
}

import { toShipgateError } from '../errors.js';
import type { CachedResponse } from './cache/response-cache.js';
import { callCostMicros, sumUsage, toUsageRecord, type GatewayResult } from './call-result.js';
import { TokenEstimator, type OffThreadCount } from './estimate.js';
import type { MeterWriter } from './metering/meter-writer.js';
import type { AttemptRecord, Clock } from './router/attempt.js';
import type { ModelRequest, ModelSpec, Usage } from './types.js';

/** What a metered call cost: the usage summed over its attempts, and its price. */
export interface Metered {
  usage: Usage;
  costMicros: number;
}

export interface CallState {
  request: ModelRequest;
  models: ModelSpec[];
  startedAt: number;
  log: AttemptRecord[];
  key: string | null;
}

export interface CallEnd {
  text: string;
  finishReason: GatewayResult['finishReason'];
  ttftMs: number | null;
}

/** An attempt that produced output without a complete, valid usage report. */
function needsEstimate(a: AttemptRecord): boolean {
  if (a.usage && !a.usagePartial) return false;
  return a.received !== undefined || a.usagePartial === true;
}

/** Turns a finished call (hit, miss or failure) into its result and its usage record. */
export class CallMeter {
  readonly estimator: TokenEstimator;

  constructor(
    private readonly meter: MeterWriter,
    private readonly clock: Clock,
    offThread?: OffThreadCount,
  ) {
    this.estimator = new TokenEstimator(offThread);
  }

  /**
   * Attempts that produced output without a complete usage report (cut streams,
   * broken 2xx bodies) are counted locally: the larger of what the upstream reported
   * and the o200k_base count (gpt-tokenizer) of what was sent and received, flagged `estimated`.
   */
  async #estimateCut(state: CallState): Promise<void> {
    for (const a of state.log) {
      if (!needsEstimate(a)) continue;
      const counted = await this.estimator.estimateUsageAsync(
        state.request.messages,
        a.received ?? '',
      );
      a.usage = {
        inputTokens: Math.max(a.usage?.inputTokens ?? 0, counted.inputTokens),
        outputTokens: Math.max(a.usage?.outputTokens ?? 0, counted.outputTokens),
        cachedInputTokens: a.usage?.cachedInputTokens ?? 0,
        estimated: true,
      };
      a.usagePartial = false;
    }
  }

  /** Estimates what needs it; flushes of the meter wait for these counts. */
  #settle(state: CallState): Promise<void> | null {
    if (!state.log.some(needsEstimate)) return null;
    const settled = this.#estimateCut(state);
    this.meter.hold(settled);
    return settled;
  }

  async finishMiss(
    state: CallState,
    model: ModelSpec,
    end: { text: string; finishReason: GatewayResult['finishReason']; ttftMs: number | null },
  ): Promise<GatewayResult> {
    const final = state.log[state.log.length - 1];
    if (final && !final.usage) final.received = end.text;
    const settling = this.#settle(state);
    if (settling) await settling;
    const latencyMs = this.clock.now() - state.startedAt;
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

  finishHit(state: CallState, hit: CachedResponse): GatewayResult {
    const latencyMs = this.clock.now() - state.startedAt;
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

  /** Meters a failed or cut call; `received` is the text a committed stream delivered. */
  async meterFailure(
    state: CallState,
    error: unknown,
    model?: ModelSpec,
    received?: string,
  ): Promise<Metered> {
    const last = state.log[state.log.length - 1];
    if (last && model && received !== undefined && (!last.usage || last.usagePartial))
      last.received = received;
    const settling = this.#settle(state);
    if (settling) await settling;
    const alias = model?.alias ?? last?.model ?? state.models[0]?.alias ?? 'unknown';
    const provider = model?.provider ?? last?.provider ?? state.models[0]?.provider ?? 'unknown';
    const latencyMs = this.clock.now() - state.startedAt;
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
    return { usage: sumUsage(state.log), costMicros };
  }

  entryOf(result: GatewayResult): CachedResponse | null {
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
}

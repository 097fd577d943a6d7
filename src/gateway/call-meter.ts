import { toShipgateError } from '../errors.js';
import type { CachedResponse } from './cache/response-cache.js';
import { callCostMicros, toUsageRecord, type GatewayResult } from './call-result.js';
import { TokenEstimator } from './estimate.js';
import type { MeterWriter } from './metering/meter-writer.js';
import type { AttemptRecord, Clock } from './router/attempt.js';
import type { ModelRequest, ModelSpec } from './types.js';

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

/** Turns a finished call (hit, miss or failure) into its result and its usage record. */
export class CallMeter {
  readonly estimator = new TokenEstimator();

  constructor(
    private readonly meter: MeterWriter,
    private readonly clock: Clock,
  ) {}

  finishMiss(
    state: CallState,
    model: ModelSpec,
    end: { text: string; finishReason: GatewayResult['finishReason']; ttftMs: number | null },
  ): GatewayResult {
    const final = state.log[state.log.length - 1];
    if (final && !final.usage)
      final.usage = this.estimator.estimateUsage(state.request.messages, end.text);
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

  meterFailure(state: CallState, error: unknown, model?: ModelSpec): void {
    const last = state.log[state.log.length - 1];
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

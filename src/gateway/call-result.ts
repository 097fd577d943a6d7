import { timeOrderedUuid } from '../lib/time-ordered-id.js';
import { costPicos, picosToMicros } from './cost.js';
import type { AttemptRecord } from './router/attempt.js';
import type { FinishReason, ModelRequest, ModelSpec, Usage } from './types.js';
import type { UsageRecord } from './usage-record.js';

/** What a gateway call returns to its caller, and what metering records. */
export interface GatewayResult {
  text: string;
  finishReason: FinishReason;
  model: string;
  provider: string;
  /** Usage of the answering attempt (null only for a failed call). */
  usage: Usage | null;
  /** Every attempt, across retries and fallbacks. */
  attempts: AttemptRecord[];
  cache: 'hit' | 'miss' | 'bypass';
  /** Integer micro-dollars over every billed attempt. */
  costMicros: number;
  latencyMs: number;
  ttftMs: number | null;
}

export function sumUsage(attempts: AttemptRecord[]): Usage {
  const total: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false };
  for (const a of attempts) {
    if (!a.usage) continue;
    total.inputTokens += a.usage.inputTokens;
    total.outputTokens += a.usage.outputTokens;
    total.cachedInputTokens += a.usage.cachedInputTokens;
    total.estimated ||= a.usage.estimated;
  }
  return total;
}

/** Exact cost over billed attempts, each at its own model's price, rounded once. */
export function callCostMicros(attempts: AttemptRecord[], models: ModelSpec[]): number {
  const prices = new Map(models.map((m) => [m.alias, m.price]));
  let picos = 0n;
  for (const a of attempts) {
    if (a.usage) picos += costPicos(a.usage, prices.get(a.model) ?? null);
  }
  return picosToMicros(picos);
}

export interface UsageRecordInput {
  request: ModelRequest;
  startedAt: number;
  latencyMs: number;
  ttftMs: number | null;
  model: string;
  provider: string;
  attempts: AttemptRecord[];
  cacheHit: boolean;
  status: string;
  costMicros: number;
}

export function toUsageRecord(input: UsageRecordInput): UsageRecord {
  const usage = sumUsage(input.attempts);
  return {
    id: timeOrderedUuid(),
    startedAt: Math.round(input.startedAt),
    provider: input.provider,
    model: input.model,
    task: input.request.task,
    caller: input.request.caller ?? 'anonymous',
    attempts: input.attempts.length,
    cacheHit: input.cacheHit,
    status: input.status,
    latencyMs: Math.round(input.latencyMs),
    ttftMs: input.ttftMs === null ? null : Math.round(input.ttftMs),
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    costMicros: input.costMicros,
    estimated: usage.estimated,
  };
}

import type { TaskClass } from './types.js';

/** One metered model call (all its attempts), as written to the store. */
export interface UsageRecord {
  /** Unique id (UUID) of the call. */
  id: string;
  /** Epoch milliseconds when the call started. */
  startedAt: number;
  provider: string;
  /** Alias of the model that finally answered (or the last one tried). */
  model: string;
  task: TaskClass;
  caller: string;
  /** Upstream attempts made, across retries and fallbacks (0 on a cache hit). */
  attempts: number;
  cacheHit: boolean;
  /** 'ok' or the ShipgateError code the call ended with. */
  status: string;
  latencyMs: number;
  /** Time to first token (streaming) or to the response (non-streaming); null if none. */
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Integer micro-dollars, summed over every billed attempt. */
  costMicros: number;
  /** True when any token count was estimated locally (upstream sent no usage). */
  estimated: boolean;
}

export interface UsageQuery {
  /** Epoch ms; records at or after. */
  since?: number;
  until?: number;
  caller?: string;
  model?: string;
  task?: TaskClass;
  limit?: number;
}

export type UsageGroupBy = 'model' | 'task' | 'caller' | 'provider';

export interface UsageSummaryRow {
  key: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costMicros: number;
  cacheHits: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  p50TtftMs: number | null;
  estimatedCalls: number;
}

import type { ErrorCode } from '../../errors.js';
import type { CallSignal } from '../../lib/light-abort.js';
import type { ModelSpec, Usage } from '../types.js';

/** What the router learned about one upstream attempt. Providers fill `usage`. */
export interface AttemptRecord {
  model: string;
  provider: string;
  startedAt: number;
  durationMs: number;
  outcome: 'pending' | 'ok' | ErrorCode;
  /** Usage the upstream reported for this attempt (it billed it), else null. */
  usage: Usage | null;
  /**
   * Text received from an attempt whose usage is missing or incomplete (a cut
   * stream, a broken 2xx body): metering estimates the attempt from it, flagged
   * `estimated`, instead of billing it at $0.
   */
  received?: string;
  /** `usage` is an opening report the stream never completed (Anthropic's message_start). */
  usagePartial?: boolean;
  upstreamStatus?: number;
  message?: string;
}

/** One upstream attempt against one model; resolves once the attempt is committed. */
export type AttemptFn<T> = (
  model: ModelSpec,
  signal: CallSignal,
  record: AttemptRecord,
) => Promise<T>;

/** A call against one model (possibly several attempts). */
export type ModelCall<T> = (model: ModelSpec, signal: CallSignal) => Promise<T>;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => performance.timeOrigin + performance.now() };

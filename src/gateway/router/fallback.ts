import { ErrorCode, ShipgateError, toShipgateError } from '../../errors.js';
import type { CallSignal } from '../../lib/light-abort.js';
import type { ModelSpec } from '../types.js';
import type { AttemptRecord, ModelCall } from './attempt.js';

/** Errors after which the next model in the list may still succeed. */
function shouldFallBack(error: ShipgateError): boolean {
  return (
    error.isRetryable ||
    error.code === ErrorCode.ContextOverflow ||
    error.code === ErrorCode.CircuitOpen ||
    error.code === ErrorCode.UpstreamTimeout
  );
}

export interface FallbackResult<T> {
  value: T;
  model: ModelSpec;
}

function describeAttempts(log: AttemptRecord[], skipped: string[]): string {
  const lines = log.map(
    (a, i) =>
      `  ${i + 1}. ${a.provider}/${a.model}: ${a.outcome}${a.upstreamStatus ? ` (HTTP ${a.upstreamStatus})` : ''}${a.message ? ` — ${a.message}` : ''}`,
  );
  for (const s of skipped) lines.push(`  -. ${s}: skipped, circuit open`);
  return lines.join('\n');
}

/**
 * Tries each model in order; moves on after retryable failures, context-window
 * overflow and open circuits; stops at once on the caller's own errors.
 */
export async function withFallback<T>(
  models: ModelSpec[],
  log: AttemptRecord[],
  signal: CallSignal,
  call: ModelCall<T>,
): Promise<FallbackResult<T>> {
  const skipped: string[] = [];
  let last: ShipgateError | undefined;
  for (const model of models) {
    try {
      return { value: await call(model, signal), model };
    } catch (thrown) {
      last = toShipgateError(thrown);
      if (signal.aborted) throw toShipgateError(signal.reason);
      if (!shouldFallBack(last)) throw last;
      if (last.code === ErrorCode.CircuitOpen) skipped.push(`${model.provider}/${model.alias}`);
    }
  }
  if (models.length === 1 && last && log.length <= 1) throw last;
  throw new ShipgateError(
    ErrorCode.AllAttemptsFailed,
    `all ${log.length} attempt(s) failed:\n${describeAttempts(log, skipped)}`,
    {
      cause: last,
      upstreamStatus: last?.upstreamStatus,
      details: {
        attempts: log.map((a) => ({
          model: a.model,
          provider: a.provider,
          outcome: a.outcome,
          status: a.upstreamStatus,
          message: a.message,
        })),
      },
    },
  );
}

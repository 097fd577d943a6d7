import { ErrorCode, ShipgateError } from '../errors.js';
import type { Finding, Gate, GateContext, GateResult } from './types.js';

/** Rules the pipeline itself reports; they always block (a gate that did not finish proves nothing). */
export const pipelineRules = {
  error: 'gate-error',
  timeout: 'gate-timeout',
  failed: 'gate-failed',
} as const;

const timedOut = Symbol('timed-out');

/** One finding per checked file, at line 1, for a gate-level problem. */
export function gateLevelFindings(
  gate: string,
  ctx: GateContext,
  rule: string,
  message: string,
): Finding[] {
  return ctx.files.map((file) => ({
    gate,
    rule,
    severity: 'high',
    message,
    line: 1,
    file: file.path,
  }));
}

function abortError(signal: AbortSignal): ShipgateError {
  return new ShipgateError(ErrorCode.Aborted, 'Validation was cancelled.', {
    cause: signal.reason,
  });
}

/**
 * Runs one gate with a timeout. A gate that throws or times out does not take the
 * others down: it becomes a `fail` result with a `gate-error` / `gate-timeout` finding.
 * Only cancellation by the caller's signal rejects.
 */
export async function runGate(
  gate: Gate,
  ctx: GateContext,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<GateResult> {
  if (signal?.aborted) throw abortError(signal);
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const limit = new Promise<typeof timedOut>((resolve, reject) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs);
    onAbort = () => reject(abortError(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const outcome = await Promise.race([gate.run(ctx, controller.signal), limit]);
    if (outcome !== timedOut) return { ...outcome, gate: gate.name };
    controller.abort(new Error(`${gate.name} timed out`));
    const message = `The ${gate.name} gate did not finish within ${timeoutMs} ms (gates.${gate.name}.timeoutMs).`;
    const findings = gateLevelFindings(gate.name, ctx, pipelineRules.timeout, message);
    return {
      gate: gate.name,
      verdict: 'fail',
      findings,
      durationMs: elapsed(),
      reason: `timed out after ${timeoutMs} ms`,
    };
  } catch (thrown) {
    if (signal?.aborted) {
      controller.abort(signal.reason);
      throw abortError(signal);
    }
    const detail = thrown instanceof Error ? thrown.message : String(thrown);
    const message = `The ${gate.name} gate failed to run: ${detail}`;
    const findings = gateLevelFindings(gate.name, ctx, pipelineRules.error, message);
    return {
      gate: gate.name,
      verdict: 'fail',
      findings,
      durationMs: elapsed(),
      reason: `error: ${detail}`,
    };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

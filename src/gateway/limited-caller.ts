/**
 * A model caller that answers to one key's limits (issue 10.3, issue 14): the
 * rate limit and budget are checked before every model call — a repair round or a
 * long job can be refused midway — and each call's tokens and cost are charged as
 * it finishes, failed calls that the upstream billed included. Used by
 * `/api/generate` and by async generate and review jobs, which run long after
 * their submission was admitted.
 */
import type { GatewayResult } from './call-result.js';
import { failureMetering } from './failure-metering.js';
import type { ModelRequest } from './types.js';

export interface CallLimits<P> {
  admit(principal: P, estimatedTokens: number): void | Promise<void>;
  record(principal: P, tokens: number, costMicros: number): void;
}

export interface Caller {
  generate(request: ModelRequest, options?: { signal?: AbortSignal }): Promise<GatewayResult>;
}

/** Rough pre-call token estimate for admission: ~4 characters a token plus the answer. */
export function admissionTokens(request: ModelRequest): number {
  let chars = 0;
  for (const m of request.messages) chars += m.content.length;
  return Math.ceil(chars / 4) + (request.maxOutputTokens ?? 256);
}

/** Charges a failed call that the upstream billed (the error carries its metering). */
export function chargeFailed<P>(limits: CallLimits<P>, principal: P, error: unknown): void {
  void failureMetering(error)?.then((metered) => {
    const tokens = (metered?.usage.inputTokens ?? 0) + (metered?.usage.outputTokens ?? 0);
    if (metered && (tokens > 0 || metered.costMicros > 0))
      limits.record(principal, tokens, metered.costMicros);
  });
}

/** `caller.generate` under the key's limits (compose it with the caller's other members). */
export function limitedGenerate<P>(
  caller: Caller,
  limits: CallLimits<P>,
  principal: P,
): Caller['generate'] {
  return async (request, options) => {
    await limits.admit(principal, admissionTokens(request));
    const result = await caller.generate(request, options).catch((error: unknown) => {
      chargeFailed(limits, principal, error);
      throw error;
    });
    const tokens = (result.usage?.inputTokens ?? 0) + (result.usage?.outputTokens ?? 0);
    limits.record(principal, tokens, result.costMicros);
    return result;
  };
}

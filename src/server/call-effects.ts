import type { ExchangeRequest } from './http/exchange.js';
import type { GatewayResult } from '../gateway/call-result.js';
import { admissionTokens, chargeFailed } from '../gateway/limited-caller.js';
import type { ChatMessage, ModelRequest } from '../gateway/types.js';
import type { AuditPort, AuthPort, MetricsPort } from './ports.js';

export interface EffectsDeps {
  auth?: AuthPort;
  audit?: AuditPort;
  metrics?: MetricsPort;
  /** Tells configured and built-in models from client-chosen ids (metric labels). */
  gateway?: { registry: { isKnown(alias: string): boolean } };
}

/**
 * A metric label for a model: known models by name, any other client-chosen id as
 * `other`, so label cardinality is bounded by the configuration (issue 9.6).
 */
export function modelLabel(deps: EffectsDeps, model: string): string {
  return deps.gateway?.registry.isKnown(model) === false ? 'other' : model;
}

export function promptText(messages: ChatMessage[]): string {
  return messages.map((m) => `${m.role}: ${m.content}`).join('\n');
}

/** Throws RateLimited/BudgetExceeded before any upstream call. */
export function admit(
  deps: EffectsDeps,
  request: ExchangeRequest,
  model: ModelRequest,
): void | Promise<void> {
  const principal = request.shipgate.principal;
  if (principal) return deps.auth?.admit(principal, admissionTokens(model));
}

export type FinishedCall = Pick<
  GatewayResult,
  'model' | 'provider' | 'usage' | 'costMicros' | 'latencyMs' | 'ttftMs' | 'attempts' | 'cache'
>;

/** True when the call tried more than one model (no allocation: this runs per request). */
function fellBack(attempts: FinishedCall['attempts']): boolean {
  const first = attempts[0]?.model;
  return attempts.some((a) => a.model !== first);
}

/** After a call: per-key accounting, metrics and the audit entry (all non-blocking). */
export function recordCall(
  deps: EffectsDeps,
  request: ExchangeRequest,
  call: { model: ModelRequest; result: FinishedCall },
): void {
  const { result } = call;
  const principal = request.shipgate.principal;
  const input = result.usage?.inputTokens ?? 0;
  const output = result.usage?.outputTokens ?? 0;
  if (principal) deps.auth?.record(principal, input + output, result.costMicros);
  const task = call.model.task;
  const metrics = deps.metrics;
  if (metrics) {
    const model = modelLabel(deps, result.model);
    metrics.countCache(result.cache === 'hit');
    if (result.cache !== 'hit') {
      metrics.observeUpstream({
        model,
        task,
        provider: result.provider,
        durationMs: result.latencyMs,
        ttftMs: result.ttftMs,
      });
    }
    metrics.countTokens({
      model,
      task,
      input,
      output,
      costMicros: result.costMicros,
    });
    if (fellBack(result.attempts)) metrics.countFallback(model);
  }
  if (deps.audit) {
    // The audit log stores the prompt's sha256 (promptHash), hashed as the entry is queued so
    // a queue backed up behind a locked database holds no prompt bodies (audit-entry.ts).
    deps.audit.append({
      actor: principal?.name ?? 'local',
      action: 'inference',
      route: request.routeOptions.url ?? request.url,
      model: result.model,
      inputTokens: input,
      outputTokens: output,
      decisions: { attempts: result.attempts.length, cache: result.cache, requestId: request.id },
      prompt: promptText(call.model.messages),
    });
  }
}

/**
 * A call that failed after the upstream billed tokens (a body cut mid-transfer) is
 * charged to the key's budget like any other: the gateway metered it and the error
 * carries that (src/gateway/failure-metering.ts). Never throws.
 */
export function chargeFailure(deps: EffectsDeps, request: ExchangeRequest, error: unknown): void {
  const principal = request.shipgate.principal;
  if (principal && deps.auth) chargeFailed(deps.auth, principal, error);
}

/**
 * The egress policy as a gateway step: `(request, candidates) → allowed candidates`
 * (GatewayDeps.egress). Paths and repositories come from the request
 * (`ModelRequest.egress`, set by services for the files they put into a prompt)
 * and from the server's per-request scope (headers).
 */
import type { ShipgateConfig } from '../config/load.js';
import type { ModelRequest, ModelSpec } from '../gateway/types.js';
import { EgressPolicy, egressDenied, type EgressContext } from './egress-policy.js';
import type { EgressScope } from './egress-scope.js';
import { modelHosting } from './hosting.js';

export type EgressStep = (request: ModelRequest, candidates: ModelSpec[]) => ModelSpec[];

export interface EgressStepDeps {
  config: Pick<ShipgateConfig, 'policy' | 'models' | 'providers' | 'routing'>;
  scope?: EgressScope;
  /** Alias → spec (the gateway's registry). */
  resolve: (alias: string) => ModelSpec;
}

/** Configured aliases, the task's route first: where a forbidden request may fall back. */
function fallbackPool(deps: EgressStepDeps, request: ModelRequest): ModelSpec[] {
  const { routing, models } = deps.config;
  const names = [...(routing.tasks[request.task] ?? []), ...Object.keys(models)];
  const seen = new Set<string>();
  const pool: ModelSpec[] = [];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    pool.push(deps.resolve(name));
  }
  return pool;
}

function contextOf(request: ModelRequest, scope: EgressContext | undefined): EgressContext {
  return {
    paths: [...(scope?.paths ?? []), ...(request.egress?.paths ?? [])],
    repos: [...(scope?.repos ?? []), ...(request.egress?.repos ?? [])],
  };
}

/** Null when no rule is configured (the gateway then skips the step entirely). */
export function createEgressStep(deps: EgressStepDeps): EgressStep | null {
  const { config } = deps;
  const policy = new EgressPolicy(config.policy.egress, (m) =>
    modelHosting(config, m.alias, m.provider),
  );
  if (policy.empty) return null;
  return (request, candidates) => {
    const scope = deps.scope?.current();
    const ctx = contextOf(request, scope);
    const { models, decision } = policy.select(candidates, ctx, () => fallbackPool(deps, request));
    if (decision) scope?.record?.(decision, { task: request.task });
    if (decision?.verdict === 'deny') throw egressDenied(decision);
    return models;
  };
}

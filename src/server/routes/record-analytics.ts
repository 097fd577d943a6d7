/**
 * Records what analytics reads (issue 15): generate runs and gate verdicts, in the
 * background. A failed write is logged and never fails the request it follows.
 */
import type { FastifyRequest } from 'fastify';
import { createAnalyticsRepo } from '../../analytics/analytics-repo.js';
import { generateRecorder } from '../../analytics/record-generate.js';
import type { GateSummary } from '../../gates/validation-report.js';
import type { GenerateResult } from '../../generate/types.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';

function repoOf(deps: ServerDeps) {
  return createAnalyticsRepo(deps.runtime.store.db);
}

export function recordGenerateRun(
  deps: ServerDeps,
  request: FastifyRequest,
  result: GenerateResult,
): void {
  void generateRecorder(deps.runtime.store.db, (error: unknown) =>
    request.log.warn({ err: error }, 'analytics: generate run not recorded'),
  )(result, { caller: callerOf(request) });
}

export function recordGateRun(
  deps: ServerDeps,
  request: FastifyRequest,
  source: string,
  gates: readonly GateSummary[],
): void {
  repoOf(deps)
    .recordGates(source, gates)
    .catch((error: unknown) =>
      request.log.warn({ err: error }, 'analytics: gate verdicts not recorded'),
    );
}

/**
 * What each job kind runs: the same services the synchronous routes call.
 * generate → the one request builder and the repair loop; validate → the gates
 * pipeline (untrusted: files in memory, the runner's project root); review → the
 * review service when one is given. A payload marked `priority: "batch"` (POST
 * /api/batches) makes its model calls through `batchGateway` (provider batch APIs).
 */
import { z } from 'zod';
import type { GenerateRecorder } from '../analytics/record-generate.js';
import type { ShipgateConfig } from '../config/load.js';
import type { ContextIndexCache } from '../context/context-index-cache.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { Validator } from '../gates/pipeline.js';
import type { ModelCaller } from '../generate/types.js';
import type { ModelLookup } from '../generate/structured-output.js';
import type { ReviewGateway } from '../review/model/model-reviewer.js';
import type { JobContext, JobHandler, JobHandlers } from './execute.js';
import { callerUnderLimits, type JobLimits } from './job-limits.js';

export const generatePayloadSchema = z.strictObject({
  spec: z.string().min(1).max(200_000),
  template: z.string().min(1).max(128).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
  targetFile: z.string().min(1).max(1024).optional(),
  model: z.string().min(1).max(256).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  maxCostUsd: z.number().positive().max(10_000).optional(),
  maxTokens: z.number().int().positive().optional(),
  withTests: z.boolean().optional(),
  gates: z.array(z.string().min(1).max(64)).min(1).max(32).optional(),
});

export const validatePayloadSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({ path: z.string().min(1).max(1024), content: z.string().max(5_000_000) }),
    )
    .min(1)
    .max(500),
  gates: z.array(z.string().min(1).max(64)).max(32).optional(),
});

export interface HandlerDeps {
  config: Pick<ShipgateConfig, 'generate' | 'gates'>;
  gateway: ModelCaller & ReviewGateway & { registry: ModelLookup };
  validator: () => Promise<Validator>;
  /** Project root for generation context and validation. */
  root: string;
  /** Replaces the review service (tests). */
  review?: JobHandler;
  /** Whether a model provider is configured (review adds the model's findings then). */
  hasModel?: boolean;
  /** The model caller of `priority: "batch"` payloads (src/jobs/batch-api); default: gateway. */
  batchGateway?: ModelCaller & {
    forJob?(jobId: string, lendSlot?: () => () => Promise<void>): ModelCaller;
  };
  /** Records each finished generate run for analytics (never fails the job). */
  recordGenerate?: GenerateRecorder;
  /** The submitting key's rate limit and budget, applied to every model call of a job. */
  limits?: JobLimits;
}

/** Splits off `priority`, which POST /api/batches adds and the kinds' own schemas do not know. */
function priorityOf(payload: unknown): { payload: unknown; batch: boolean } {
  if (typeof payload !== 'object' || payload === null || !('priority' in payload))
    return { payload, batch: false };
  const { priority, ...rest } = payload as Record<string, unknown>;
  return { payload: rest, batch: priority === 'batch' };
}

/** The batch caller tied to this job (a re-run follows the batch a crashed attempt joined). */
function batchCallerFor(deps: HandlerDeps, context: JobContext): ModelCaller {
  const batch = deps.batchGateway;
  if (!batch) return deps.gateway;
  return batch.forJob?.(context.jobId, context.lendSlot) ?? batch;
}

function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new ShipgateError(
    ErrorCode.BadRequest,
    `the ${kind} job's payload is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
  );
}

export function createJobHandlers(deps: HandlerDeps): JobHandlers {
  let index: Promise<ContextIndexCache> | undefined;
  const sharedIndex = () =>
    (index ??= import('../context/context-index-cache.js').then(
      (m) => new m.ContextIndexCache({ freshMs: 2_000 }),
    ));
  return {
    async generate(marked, context) {
      const { payload, batch } = priorityOf(marked);
      const options = parsePayload(generatePayloadSchema, payload, 'generate');
      const [{ buildGenerateRequest }, { runGeneration }] = await Promise.all([
        import('../generate/build-request.js'),
        import('../generate/run-generation.js'),
      ]);
      const request = buildGenerateRequest(deps.config.generate, options, {
        root: deps.root,
        caller: context.caller,
        signal: context.signal,
      });
      const gateway = batch ? batchCallerFor(deps, context) : deps.gateway;
      const result = await runGeneration(request, {
        gateway: await callerUnderLimits(gateway, deps.limits, context.caller),
        registry: deps.gateway.registry,
        validator: await deps.validator(),
        gatesConfig: deps.config.gates,
        index: await sharedIndex(),
      });
      await deps.recordGenerate?.(result, { caller: context.caller, model: options.model });
      return result;
    },
    async validate(payload, context) {
      const body = parsePayload(validatePayloadSchema, payload, 'validate');
      const validator = await deps.validator();
      if (body.gates) {
        const { assertKnownGates } = await import('../gates/pipeline.js');
        assertKnownGates(validator.gateNames, body.gates);
      }
      return validator.validate(
        { root: deps.root, files: body.files, gates: body.gates, config: deps.config.gates },
        context.signal,
      );
    },
    async review(marked, context) {
      if (deps.review) return deps.review(marked, context);
      const { payload, batch } = priorityOf(marked);
      const caller = batch ? batchCallerFor(deps, context) : deps.gateway;
      const limited = await callerUnderLimits(caller, deps.limits, context.caller);
      const gateway = {
        generate: (...args: Parameters<ModelCaller['generate']>) => limited.generate(...args),
        registry: deps.gateway.registry,
      };
      const [{ reviewRequestSchema }, { reviewFromRequest }] = await Promise.all([
        import('../review/request-schema.js'),
        import('../review/request.js'),
      ]);
      const body = parsePayload(reviewRequestSchema, payload, 'review');
      return reviewFromRequest(body, {
        validator: await deps.validator(),
        gateway: deps.hasModel ? gateway : undefined,
        root: deps.root,
        gatesConfig: deps.config.gates,
        caller: context.caller,
        signal: context.signal,
      });
    },
  };
}

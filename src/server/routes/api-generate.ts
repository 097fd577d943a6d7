import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ContextIndexCache } from '../../context/context-index-cache.js';
import { limitedGenerate } from '../../gateway/limited-caller.js';
import type { GenerateResult, ModelCaller } from '../../generate/types.js';
import { runIdempotent } from '../../jobs/idempotency.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { generateBodySchema, generateResultSchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';
import { recordGenerateRun } from './record-analytics.js';
import { idempotencyOf, ownerOf, requireJobs, sendAnswer } from './job-requests.js';

type GenerateBody = ReturnType<typeof generateBodySchema.parse>;

/** The generate options of a body (what a job stores and the request builder reads). */
function optionsOf(body: GenerateBody) {
  const { async: _async, webhook: _webhook, ...options } = body;
  return options;
}

/**
 * The gateway as this request's loop sees it: the key's rate limit and budget are
 * checked before every model call (a repair round can be refused mid-loop), and each
 * call's tokens and cost are recorded as it finishes.
 */
function meteredGateway(deps: ServerDeps, request: FastifyRequest): ModelCaller {
  const principal = request.shipgate.principal;
  const auth = deps.auth;
  if (!principal || !auth) return deps.gateway;
  return { generate: limitedGenerate(deps.gateway, auth, principal) };
}

/** The same request builder and runner as `shipgate generate`, through the metered gateway. */
async function runLoop(
  deps: ServerDeps,
  request: FastifyRequest,
  body: GenerateBody,
  index: () => Promise<ContextIndexCache>,
): Promise<GenerateResult> {
  const [{ buildGenerateRequest }, { runGeneration }] = await Promise.all([
    import('../../generate/build-request.js'),
    import('../../generate/run-generation.js'),
  ]);
  const config = deps.runtime.config;
  const generateRequest = buildGenerateRequest(config.generate, optionsOf(body), {
    root: deps.cwd,
    caller: callerOf(request),
    signal: request.shipgate.abort.signal.asAbortSignal(),
  });
  return runGeneration(generateRequest, {
    gateway: meteredGateway(deps, request),
    registry: deps.gateway.registry,
    validator: await deps.validator(),
    gatesConfig: config.gates,
    index: await index(),
  });
}

/** The audit entry for the whole loop (each model call is metered by the gateway). */
function recordGeneration(
  deps: ServerDeps,
  request: FastifyRequest,
  body: GenerateBody,
  result: GenerateResult,
): void {
  const principal = request.shipgate.principal;
  deps.audit?.append({
    actor: principal?.name ?? 'local',
    action: 'generate',
    route: '/api/generate',
    model: result.attempts.at(-1)?.model,
    templateVersion: `${result.template.name}@${result.template.version}#${result.template.hash.slice(0, 12)}`,
    promptHash: createHash('sha256').update(body.spec).digest('hex'),
    inputTokens: result.totals.inputTokens,
    outputTokens: result.totals.outputTokens,
    decisions: {
      passed: result.passed,
      stopReason: result.stopReason,
      attempts: result.totals.attempts,
      gates: result.attempts.at(-1)?.verdict,
      requestId: request.id,
    },
    prompt: body.spec,
  });
}

/** async:true → a generate job (202 {jobId}); the key's limits count the submission. */
async function submitJob(deps: ServerDeps, request: FastifyRequest, body: GenerateBody) {
  const jobs = requireJobs(deps);
  const principal = request.shipgate.principal;
  if (principal) await deps.auth?.admit(principal, Math.ceil(body.spec.length / 4) + 256);
  return jobs.submit(
    {
      kind: 'generate',
      payload: optionsOf(body),
      owner: ownerOf(request),
      webhookUrl: body.webhook?.url,
    },
    idempotencyOf(request, body),
  );
}

/**
 * POST /api/generate — spec → code through the template, context, validate → repair
 * loop (the library behind `shipgate generate`, built by the same request builder).
 * Files are returned, never written on the server. `async: true` answers 202 {jobId};
 * `Idempotency-Key` makes a retried request return the first answer.
 */
export function registerApiGenerate(app: FastifyInstance, deps: ServerDeps): void {
  // one context index (parses, tokenizer) per server, built on the first generation
  let built: Promise<ContextIndexCache> | undefined;
  const index = () =>
    (built ??= import('../../context/context-index-cache.js').then(
      (m) => new m.ContextIndexCache({ freshMs: 2_000 }),
    ));
  app.post(
    '/api/generate',
    {
      config: { permission: 'generate' },
      schema: {
        summary: 'Generate validated code from a spec (template, context, validate → repair loop)',
        tags: ['api'],
        body: jsonSchema(generateBodySchema, 'input'),
        response: {
          200: jsonResponse(generateResultSchema, 'Every attempt and the final files'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(generateBodySchema, request.body, 'generate request');
      if (body.async) return sendAnswer(reply, await submitJob(deps, request, body));
      if (body.webhook)
        throw new ShipgateError(
          ErrorCode.BadRequest,
          '"webhook" needs "async": true (a synchronous request answers directly)',
        );
      const idempotency = idempotencyOf(request, body);
      const run = async () => {
        const result = await runLoop(deps, request, body, index);
        recordGeneration(deps, request, body, result);
        recordGenerateRun(deps, request, result); // issue 15: analytics
        return { status: 200, body: result as unknown };
      };
      if (idempotency === null) return (await run()).body;
      const jobs = requireJobs(deps);
      const answer = await runIdempotent(
        jobs.db,
        idempotency,
        {
          now: Date.now(),
          ttlMs: deps.runtime.config.idempotency.ttlHours * 3_600_000,
          atomic: false,
        },
        run,
      );
      return sendAnswer(reply, answer);
    },
  );
}

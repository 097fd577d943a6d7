import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { GenerateResult } from '../../generate/types.js';
import { modelSupportsJson } from '../../generate/structured-output.js';
import { admit } from '../call-effects.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { generateBodySchema, generateResultSchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';
import { recordGenerateRun } from './record-analytics.js';

type GenerateBody = ReturnType<typeof generateBodySchema.parse>;

/** Heavy parts (templates, context index, sandbox) load on the first generation only. */
async function runLoop(
  deps: ServerDeps,
  request: FastifyRequest,
  body: GenerateBody,
): Promise<GenerateResult> {
  const [{ generateCode }, { renderPrompt }, { createSandbox }] = await Promise.all([
    import('../../generate/index.js'),
    import('../../templates/render.js'),
    import('../../sandbox/index.js'),
  ]);
  const config = deps.runtime.config;
  return generateCode(
    {
      spec: body.spec,
      template: body.template,
      variables: body.variables,
      model: body.model,
      root: deps.cwd,
      targetFile: body.targetFile,
      maxAttempts: body.maxAttempts ?? config.generate.maxAttempts,
      caller: callerOf(request),
      structuredOutput: modelSupportsJson(deps.gateway.registry, body.model),
      signal: request.shipgate.abort.signal,
    },
    {
      gateway: deps.gateway,
      validator: await deps.validator(),
      render: renderPrompt,
      sandbox: createSandbox().run,
      gatesConfig: config.gates,
    },
  );
}

/** Per-key spend and the audit entry for the whole loop (each model call is metered by the gateway). */
function recordGeneration(
  deps: ServerDeps,
  request: FastifyRequest,
  body: GenerateBody,
  result: GenerateResult,
): void {
  const principal = request.shipgate.principal;
  const tokens = result.totals.inputTokens + result.totals.outputTokens;
  if (principal) deps.auth?.record(principal, tokens, result.totals.costMicros);
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

/**
 * POST /api/generate — spec → code through the template, context, validate → repair
 * loop (the library behind `shipgate generate`). Files are returned, never written on
 * the server. Synchronous; async jobs with Idempotency-Key are a later issue.
 */
export function registerApiGenerate(app: FastifyInstance, deps: ServerDeps): void {
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
    async (request) => {
      const body = parseInput(generateBodySchema, request.body, 'generate request');
      if (body.async)
        throw new ShipgateError(
          ErrorCode.BadRequest,
          'async generation is not available yet; omit "async"',
        );
      admit(deps, request, {
        task: 'generate',
        model: body.model,
        messages: [{ role: 'user', content: body.spec }],
      });
      const result = await runLoop(deps, request, body);
      recordGeneration(deps, request, body, result);
      recordGenerateRun(deps, request, result); // issue 15: analytics
      return result;
    },
  );
}

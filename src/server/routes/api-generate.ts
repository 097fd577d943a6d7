import type { FastifyInstance } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ModelRequest } from '../../gateway/types.js';
import { admit, recordCall } from '../call-effects.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { generateBodySchema, generateResultSchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';

/**
 * POST /api/generate — synchronous for now: one gateway call with the spec as the
 * prompt. TODO(lead): re-point at the generate service (templates, validate →
 * repair loop, async jobs with Idempotency-Key) when it lands.
 */
export function registerApiGenerate(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/api/generate',
    {
      config: { permission: 'generate' },
      schema: {
        summary: 'Generate code from a spec (synchronous; no repair loop yet)',
        tags: ['api'],
        body: jsonSchema(generateBodySchema, 'input'),
        response: {
          200: jsonResponse(generateResultSchema, 'The generated text'),
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
      const model: ModelRequest = {
        messages: [{ role: 'user', content: body.spec }],
        model: body.model,
        task: 'generate',
        caller: callerOf(request),
      };
      admit(deps, request, model);
      const result = await deps.gateway.generate(model, { signal: request.shipgate.abort.signal });
      request.shipgate.upstreamMs += result.attempts.reduce((sum, a) => sum + a.durationMs, 0);
      recordCall(deps, request, { model, result });
      return {
        text: result.text,
        model: result.model,
        usage: result.usage,
        costMicros: result.costMicros,
      };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { preview } from '../../gateway/model-label.js';
import { forward } from '../passthrough/forward.js';
import { errorResponses, jsonOrSse, jsonSchema } from '../schemas/json-schema.js';
import { completionRequestSchema, completionResponseSchema } from '../schemas/openai.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { answerWithSuffix } from './fim-completions.js';
import { fromCompletion } from '../translate/to-model-request.js';
import {
  callerOf,
  openaiForwardHeaders,
  untranslatable,
  type InferenceHandler,
} from './inference-target.js';

/** POST /v1/completions: legacy completions (`suffix` = fill-in-the-middle), OpenAI-format upstreams only. */
export function registerCompletions(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/v1/completions',
    {
      config: { permission: 'inference' },
      schema: {
        summary: 'OpenAI-compatible legacy completions (suffix = FIM)',
        tags: ['openai'],
        body: jsonSchema(completionRequestSchema, 'input'),
        response: {
          200: jsonOrSse(completionResponseSchema, 'A text_completion, or chunks when stream=true'),
          ...errorResponses,
        },
      },
    },
    completionsHandler(deps),
  );
}

/** The route's handler, shared by Fastify and the lean path (src/server/lean/). */
export function completionsHandler(deps: ServerDeps): InferenceHandler {
  return async (request, reply) => {
    const body = parseInput(completionRequestSchema, request.body, 'completion request');
    // issue 13: a suffix on a model with a FIM template goes to the completion service
    if (typeof body.suffix === 'string' && (await deps.complete()).serves(body.model))
      return answerWithSuffix(deps, request, reply, { ...body, suffix: body.suffix });
    return forward(deps, request, reply, {
      client: 'openai',
      model: fromCompletion(body, callerOf(request)),
      upstream: {
        protocol: 'openai',
        format: 'openai-completions',
        endpoint: '/completions',
        body,
        stream: body.stream === true,
        forwardHeaders: openaiForwardHeaders(request),
      },
      // legacy completions (FIM) have no Anthropic equivalent: such candidates are skipped
      translation: untranslatable(
        new ShipgateError(
          ErrorCode.BadRequest,
          `model ${preview(body.model)} is served by an Anthropic provider; /v1/completions needs an OpenAI-format upstream (use /v1/chat/completions)`,
        ),
      ),
    });
  };
}

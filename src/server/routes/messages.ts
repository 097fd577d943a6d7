import type { FastifyInstance } from 'fastify';
import { forward } from '../passthrough/forward.js';
import { messageResponseSchema, messagesRequestSchema } from '../schemas/anthropic.js';
import { errorResponses, jsonOrSse, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { anthropicRenderer } from '../translate/anthropic-render.js';
import { runTranslated } from '../translate/run-translated.js';
import { fromMessages } from '../translate/to-model-request.js';
import { anthropicForwardHeaders, callerOf, inferenceTarget } from './inference-target.js';

/** POST /v1/messages: Anthropic-compatible Messages API, streaming and not. */
export function registerMessages(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/v1/messages',
    {
      config: { permission: 'inference' },
      schema: {
        summary: 'Anthropic-compatible Messages API',
        tags: ['anthropic'],
        body: jsonSchema(messagesRequestSchema, 'input'),
        response: {
          200: jsonOrSse(messageResponseSchema, 'A message, or events when stream=true'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(messagesRequestSchema, request.body, 'messages request');
      const caller = callerOf(request);
      const stream = body.stream === true;
      const target = inferenceTarget(deps, 'anthropic', 'chat', body.model);
      if (target.passthrough) {
        return forward(deps, request, reply, {
          model: fromMessages(body, 'lenient', caller),
          upstream: {
            protocol: 'anthropic',
            format: 'anthropic',
            endpoint: '/messages',
            body,
            stream,
            forwardHeaders: anthropicForwardHeaders(request),
          },
        });
      }
      return runTranslated(deps, request, reply, {
        model: fromMessages(body, 'strict', caller),
        stream,
        render: anthropicRenderer(body.model),
      });
    },
  );
}

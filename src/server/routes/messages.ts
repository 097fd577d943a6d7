import type { FastifyInstance } from 'fastify';
import { forward } from '../passthrough/forward.js';
import { messageResponseSchema, messagesRequestSchema } from '../schemas/anthropic.js';
import { errorResponses, jsonOrSse, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { anthropicRenderer } from '../translate/anthropic-render.js';
import { fromMessages } from '../translate/to-model-request.js';
import {
  anthropicForwardHeaders,
  callerOf,
  translation,
  type InferenceHandler,
} from './inference-target.js';

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
    messagesHandler(deps),
  );
}

/** The route's handler, shared by Fastify and the lean path (src/server/lean/). */
export function messagesHandler(deps: ServerDeps): InferenceHandler {
  return async (request, reply) => {
    const body = parseInput(messagesRequestSchema, request.body, 'messages request');
    const caller = callerOf(request);
    return forward(deps, request, reply, {
      client: 'anthropic',
      model: fromMessages(body, 'lenient', caller),
      upstream: {
        protocol: 'anthropic',
        format: 'anthropic',
        endpoint: '/messages',
        body,
        stream: body.stream === true,
        forwardHeaders: anthropicForwardHeaders(request),
      },
      translation: translation(
        () => fromMessages(body, 'strict', caller),
        () => anthropicRenderer(body.model),
      ),
    });
  };
}

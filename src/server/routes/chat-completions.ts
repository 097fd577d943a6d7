import type { FastifyInstance } from 'fastify';
import { forward } from '../passthrough/forward.js';
import { isPlainChatRequest } from '../schemas/chat-request-check.js';
import {
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  type ChatCompletionRequest,
} from '../schemas/openai.js';
import { errorResponses, jsonOrSse, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { openaiChatRenderer } from '../translate/openai-render.js';
import { fromChatCompletion } from '../translate/to-model-request.js';
import {
  callerOf,
  openaiForwardHeaders,
  translation,
  type InferenceHandler,
} from './inference-target.js';

/** POST /v1/chat/completions: OpenAI-compatible, streaming and not; tools/response_format pass through. */
export function registerChatCompletions(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/v1/chat/completions',
    {
      config: { permission: 'inference' },
      schema: {
        summary: 'OpenAI-compatible chat completions',
        tags: ['openai'],
        body: jsonSchema(chatCompletionRequestSchema, 'input'),
        response: {
          200: jsonOrSse(
            chatCompletionResponseSchema,
            'A chat.completion, or chunks when stream=true',
          ),
          ...errorResponses,
        },
      },
    },
    chatCompletionsHandler(deps),
  );
}

/** The route's handler, shared by Fastify and the lean path (src/server/lean/). */
export function chatCompletionsHandler(deps: ServerDeps): InferenceHandler {
  return async (request, reply) => {
    // the common, valid body is read in place; zod checks (and words the 400 for) the rest
    const body = isPlainChatRequest(request.body)
      ? (request.body as ChatCompletionRequest)
      : parseInput(chatCompletionRequestSchema, request.body, 'chat completion request');
    const caller = callerOf(request);
    const stream = body.stream === true;
    return forward(deps, request, reply, {
      client: 'openai',
      model: fromChatCompletion(body, 'lenient', caller),
      upstream: {
        protocol: 'openai',
        format: 'openai-chat',
        endpoint: '/chat/completions',
        body,
        stream,
        forwardHeaders: openaiForwardHeaders(request),
      },
      translation: translation(
        () => fromChatCompletion(body, 'strict', caller),
        () => openaiChatRenderer(body.model, body.stream_options?.include_usage === true),
      ),
    });
  };
}

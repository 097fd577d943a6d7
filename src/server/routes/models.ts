import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import { modelListSchema } from '../schemas/openai.js';
import type { ServerDeps } from '../server-deps.js';

const anthropicListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      type: z.literal('model'),
      display_name: z.string(),
      created_at: z.string(),
    }),
  ),
  has_more: z.boolean(),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
});

/** GET /v1/models: the registry in OpenAI's list shape (Anthropic's when `anthropic-version` is sent). */
export function registerModels(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/v1/models',
    {
      config: { permission: 'models' },
      schema: {
        summary: 'Known models (configured aliases and built-ins of configured providers)',
        tags: ['openai', 'anthropic'],
        response: {
          200: {
            description: 'OpenAI list, or the Anthropic list when anthropic-version is sent',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    jsonResponse(modelListSchema, '').content['application/json'].schema,
                    jsonResponse(anthropicListSchema, '').content['application/json'].schema,
                  ],
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const specs = deps.gateway.registry.list();
      if (typeof request.headers['anthropic-version'] === 'string') {
        const data = specs.map((s) => ({
          id: s.alias,
          type: 'model' as const,
          display_name: s.alias,
          created_at: new Date(0).toISOString(),
        }));
        return {
          data,
          has_more: false,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
        };
      }
      return {
        object: 'list' as const,
        data: specs.map((s) => ({
          id: s.alias,
          object: 'model' as const,
          created: 0,
          owned_by: s.provider,
        })),
      };
    },
  );
}

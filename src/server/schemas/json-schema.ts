import { z } from 'zod';

/** OpenAPI 3.1 schema objects are JSON Schema 2020-12: zod's default target, minus `$schema`. */
export function jsonSchema(
  schema: z.ZodType,
  io: 'input' | 'output' = 'output',
): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

export const errorBodySchema = z.object({
  type: z.literal('error').optional(),
  error: z.looseObject({
    code: z.string().describe('Stable error code, e.g. bad_request, model_not_found.'),
    message: z.string(),
    type: z.string(),
  }),
});

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(errorBodySchema) } },
});

/** The error responses every route can give. */
export const errorResponses = {
  '4xx': errorResponse('Bad input, auth, limits: `{ error: { code, message } }`'),
  '5xx': errorResponse('Upstream or server failure: `{ error: { code, message } }`'),
};

export function jsonResponse(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema: jsonSchema(schema) } } };
}

export function jsonOrSse(schema: z.ZodType, description: string) {
  return {
    description,
    content: {
      'application/json': { schema: jsonSchema(schema) },
      'text/event-stream': { schema: { type: 'string', description: 'Server-sent events' } },
    },
  };
}

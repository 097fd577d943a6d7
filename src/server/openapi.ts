import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { accessFor } from './auth/route-permissions.js';

const keyed: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];

/** `POST /v1/chat/completions` → `postV1ChatCompletions`; `:id` → `ById`; `/` → `getRoot`. */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((part) => part !== '')
    .flatMap((part) => (part.startsWith(':') ? ['by', part.slice(1)] : part.split(/[^A-Za-z0-9]+/)))
    .filter((word) => word !== '');
  const tail = words.length === 0 ? ['root'] : words;
  return [method.toLowerCase(), ...tail.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/**
 * Per operation, from THE permission table: an `operationId`, `security` (`[]` = public,
 * no key needed) and `x-shipgate-permission` (the permission, `public`, or `unreachable`
 * for a route the table lacks).
 */
function withAccess(schema: FastifySchema | undefined, method: string, url: string) {
  const access = accessFor(method, url);
  const given = (schema ?? {}) as FastifySchema & { operationId?: string };
  return {
    ...given,
    operationId: given.operationId ?? operationIdFor(method, url),
    security: access === 'public' ? [] : keyed,
    'x-shipgate-permission': access ?? 'unreachable',
  };
}

/**
 * OpenAPI 3.1 from the route schemas (zod → JSON Schema). Route schemas are
 * documentation only: validation is zod's (in the handlers) and serialization is
 * plain JSON.stringify, so nothing is stripped or rejected by Ajv.
 */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'shipgate',
        version,
        description: 'OpenAI- and Anthropic-compatible gateway and the shipgate native API.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A shipgate key (sg-…)' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: keyed,
    },
    transform: ({ schema, url, route }) => {
      const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
      return { schema: withAccess(schema, method, url) as unknown as FastifySchema, url };
    },
  });
  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This OpenAPI 3.1 document',
        tags: ['ops'],
        response: {
          200: {
            description: 'OpenAPI document',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    async () => app.swagger(),
  );
}

import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

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
      security: [{ bearer: [] }, { apiKey: [] }],
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

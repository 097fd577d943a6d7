import type { FastifyInstance } from 'fastify';
import { extractCodeBlocks } from '../../extract/extract.js';
import { redact } from '../../secrets/redact.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { extractResultSchema, redactResultSchema, textBodySchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';

/** POST /api/redact and POST /api/extract: `{text}` → the redact / extract shapes. */
export function registerApiText(app: FastifyInstance, deps: ServerDeps): void {
  const body = jsonSchema(textBodySchema, 'input');
  app.post(
    '/api/redact',
    {
      config: { permission: 'validate' },
      schema: {
        summary: 'Mask secrets',
        tags: ['api'],
        body,
        response: {
          200: jsonResponse(redactResultSchema, 'Redacted text and findings'),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { text } = parseInput(textBodySchema, request.body, 'redact request');
      const { redacted, findings } = await redact(text, { detector: deps.detector() });
      return { redacted, findings };
    },
  );
  app.post(
    '/api/extract',
    {
      config: { permission: 'validate' },
      schema: {
        summary: 'Code blocks from an LLM reply',
        tags: ['api'],
        body,
        response: {
          200: jsonResponse(extractResultSchema, 'The fenced code blocks'),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { text } = parseInput(textBodySchema, request.body, 'extract request');
      return { blocks: extractCodeBlocks(text) };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import { reviewRequestSchema } from '../../review/request-schema.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';
import { idempotencyOf, ownerOf, requireJobs, sendAnswer } from './job-requests.js';

const findingSchema = z.looseObject({
  fingerprint: z.string(),
  file: z.string(),
  line: z.number().int(),
  endLine: z.number().int().optional(),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  category: z.string(),
  cwe: z.string().optional(),
  rule: z.string(),
  source: z.enum(['gate', 'model']),
  message: z.string(),
  suggestion: z.string().optional(),
});

/** The Review JSON contract (DESIGN.md), for the OpenAPI document. */
const reviewResultSchema = z.looseObject({
  passed: z.boolean(),
  base: z.string().nullable(),
  head: z.string().nullable(),
  coverage: z.object({
    filesChanged: z.number().int(),
    filesReviewed: z.number().int(),
    skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  }),
  findings: z.array(findingSchema),
});

/**
 * POST /api/review — a unified diff and the head versions in, the review JSON out
 * (synchronous). The handler only parses and calls the review service.
 */
export function registerApiReview(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/api/review',
    {
      config: { permission: 'validate' },
      schema: {
        summary: 'Review a diff: gates on the changed lines (+ the model when configured)',
        tags: ['api'],
        body: jsonSchema(reviewRequestSchema, 'input'),
        response: { 200: jsonResponse(reviewResultSchema, 'The review'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reviewFromRequest } = await import('../../review/request.js');
      const body = parseInput(reviewRequestSchema, request.body, 'review request');
      if (body.async) {
        // a review job: 202 {jobId}, honouring Idempotency-Key (src/jobs)
        const { async: _async, ...payload } = body;
        const answer = await requireJobs(deps).submit(
          { kind: 'review', payload, owner: ownerOf(request) },
          idempotencyOf(request, request.body),
        );
        return sendAnswer(reply, answer);
      }
      const hasModel = Object.keys(deps.providers).length > 0;
      return reviewFromRequest(body, {
        validator: await deps.validator(),
        gateway: hasModel ? deps.gateway : undefined,
        root: deps.cwd,
        gatesConfig: deps.runtime.config.gates,
        caller: callerOf(request),
        signal: request.shipgate.abort.signal.asAbortSignal(),
      });
    },
  );
}

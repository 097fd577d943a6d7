import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  completeRequestSchema,
  completeResultSchema,
  feedbackRequestSchema,
} from '../../complete/types.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { feedbackBodySchema, feedbackResultSchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';

/** The wave-2 shape `{id, event, acceptedChars?}`, or the older `{requestId|completionId, verdict}`. */
const anyFeedbackSchema = z.union([feedbackRequestSchema, feedbackBodySchema]);

function isLegacy(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'verdict' in body;
}

async function recordFeedback(deps: ServerDeps, request: FastifyRequest) {
  if (isLegacy(request.body)) {
    const body = parseInput(feedbackBodySchema, request.body, 'feedback');
    deps.audit?.append({
      actor: callerOf(request),
      action: 'feedback',
      route: '/api/feedback',
      decisions: { ...body },
    });
    return { recorded: deps.audit !== undefined, storedIn: deps.audit ? 'audit_log' : 'none' };
  }
  const body = parseInput(feedbackRequestSchema, request.body, 'feedback request');
  const service = await deps.complete();
  await service.feedback(body);
  deps.audit?.append({
    actor: callerOf(request),
    action: 'feedback',
    route: '/api/feedback',
    decisions: { ...body },
  });
  return { recorded: true, storedIn: 'completion_events' };
}

/** POST /api/complete (one FIM completion) and POST /api/feedback (what the editor did with it). */
export function registerApiComplete(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/api/complete',
    {
      config: { permission: 'inference' },
      schema: {
        summary: 'One fill-in-the-middle completion for an editor',
        tags: ['api'],
        body: jsonSchema(completeRequestSchema, 'input'),
        response: {
          200: jsonResponse(completeResultSchema, 'The completion (empty: nothing to show)'),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const body = parseInput(completeRequestSchema, request.body, 'complete request');
      const service = await deps.complete();
      const state = request.shipgate;
      return service.complete(body, {
        signal: state.abort.signal.asAbortSignal(),
        caller: callerOf(request),
        onUpstreamWait: (ms) => (state.upstreamMs += ms),
      });
    },
  );
  app.post(
    '/api/feedback',
    {
      config: { permission: 'feedback' },
      schema: {
        summary: 'Record whether a completion was shown, accepted or dismissed',
        tags: ['api'],
        body: jsonSchema(anyFeedbackSchema, 'input'),
        response: { 202: jsonResponse(feedbackResultSchema, 'Recorded'), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await recordFeedback(deps, request)),
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { usageScope } from '../auth/roles.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { auditQuerySchema, usageQuerySchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { sinceToEpochMs } from './since.js';

const usageAnswerSchema = z.object({
  since: z.string(),
  by: z.string().nullable(),
  rows: z.array(z.looseObject({})),
});

const auditAnswerSchema = z.object({
  entries: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      route: z.string().nullable(),
      model: z.string().nullable(),
      detail: z.unknown(),
      hash: z.string(),
    }),
  ),
});

/** GET /api/usage, GET /api/audit (POST /api/feedback is in api-complete.ts). */
export function registerApiRecords(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/usage',
    {
      config: { permission: 'usage' },
      schema: {
        summary: 'Usage and cost: records, or per-group summaries with ?by=',
        tags: ['api'],
        querystring: jsonSchema(usageQuerySchema, 'input'),
        response: { 200: jsonResponse(usageAnswerSchema, 'Usage rows'), ...errorResponses },
      },
    },
    async (request) => {
      const query = parseInput(usageQuerySchema, request.query, 'usage query');
      const since = sinceToEpochMs(query.since, Date.now());
      const usage = deps.runtime.store.usage;
      // A developer key sees its own usage only (docs/auth.md).
      const principal = request.shipgate.principal;
      const caller = principal && usageScope(principal.role) === 'own' ? principal.name : undefined;
      const rows = query.by
        ? await usage.summarize({ since, caller }, query.by)
        : await usage.list({ since, caller, limit: query.limit });
      return { since: new Date(since).toISOString(), by: query.by ?? null, rows };
    },
  );
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit' },
      schema: {
        summary: 'Latest audit log entries (newest first)',
        tags: ['api'],
        querystring: jsonSchema(auditQuerySchema, 'input'),
        response: { 200: jsonResponse(auditAnswerSchema, 'Audit entries'), ...errorResponses },
      },
    },
    async (request) => {
      const query = parseInput(auditQuerySchema, request.query, 'audit query');
      if (!deps.audit)
        throw new ShipgateError(ErrorCode.NotFound, 'the audit log is not enabled on this server');
      const since = query.since === undefined ? undefined : sinceToEpochMs(query.since, Date.now());
      const rows = await deps.audit.list({ ...query, since });
      return { entries: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
    },
  );
}

/**
 * GET /api/cost (the `shipgate cost` report) and GET /api/analytics (acceptance,
 * gate pass rates, repair and hallucination rates, latency). Viewer and up; a
 * developer key sees its own usage only (as with /api/usage). Issue 15.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { analyticsReport } from '../../analytics/analytics-report.js';
import { costReport } from '../../analytics/cost-report.js';
import type { Principal } from '../ports.js';
import { usageScope } from '../auth/roles.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { sinceToEpochMs } from './since.js';

const since = (fallback: string) =>
  z
    .string()
    .regex(
      /^(\d{1,6}[smhd]|\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?)$/,
      'use e.g. 30d, 24h, 30m or an ISO date',
    )
    .default(fallback);

export const costQuerySchema = z.strictObject({
  since: since('30d'),
  selfHostedMonthly: z.coerce
    .number()
    .min(0, 'selfHostedMonthly must be a number of US dollars ≥ 0')
    .max(1e9)
    .optional()
    .describe("USD a month for self-hosting (default: self-hosted models' costPerHour × 730)"),
});

export const analyticsQuerySchema = z.strictObject({ since: since('7d') });

const reportSchema = z.looseObject({ period: z.looseObject({}) });

/** A developer key reads its own usage only. */
function ownCaller(principal: Principal | null): string | undefined {
  return principal && usageScope(principal.role) === 'own' ? principal.name : undefined;
}

export function registerApiCost(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/cost',
    {
      config: { permission: 'usage' },
      schema: {
        summary: 'Spend by model, task, key, team and template; API vs self-hosted break-even',
        tags: ['api'],
        querystring: jsonSchema(costQuerySchema, 'input'),
        response: { 200: jsonResponse(reportSchema, 'The cost report'), ...errorResponses },
      },
    },
    async (request) => {
      const query = parseInput(costQuerySchema, request.query, 'cost query');
      const now = Date.now();
      return costReport(deps.runtime.store, deps.runtime.config, {
        since: sinceToEpochMs(query.since, now),
        now,
        selfHostedMonthlyUsd: query.selfHostedMonthly,
        caller: ownCaller(request.shipgate.principal),
      });
    },
  );
  app.get(
    '/api/analytics',
    {
      config: { permission: 'usage' },
      schema: {
        summary: 'Acceptance, gate pass rates, first-try vs repaired, hallucination proxy, latency',
        tags: ['api'],
        querystring: jsonSchema(analyticsQuerySchema, 'input'),
        response: { 200: jsonResponse(reportSchema, 'The analytics report'), ...errorResponses },
      },
    },
    async (request) => {
      const query = parseInput(analyticsQuerySchema, request.query, 'analytics query');
      const now = Date.now();
      return analyticsReport(deps.runtime.store, {
        since: sinceToEpochMs(query.since, now),
        until: now,
      });
    },
  );
}

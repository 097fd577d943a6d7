import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { gateSeries } from '../../store/gate-series.js';
import { MAX_SERIES_POINTS, usageSeries, usageTotals } from '../../store/usage-series.js';
import { usageScope } from '../auth/roles.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { sinceToEpochMs } from './since.js';

const bucketMs = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;

export const usageSeriesQuerySchema = z.strictObject({
  since: z
    .string()
    .regex(/^(\d{1,6}[smhd]|\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?)$/, 'use e.g. 7d, 24h or an ISO date')
    .default('24h'),
  bucket: z.enum(['5m', '1h', '1d']).default('1h'),
});

const figures = {
  calls: z.number(),
  failures: z.number(),
  costMicros: z.number().describe('Integer micro-dollars'),
  cacheHits: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  p50LatencyMs: z.number(),
  p95LatencyMs: z.number(),
};

const seriesAnswerSchema = z.object({
  since: z.string(),
  until: z.string(),
  bucketMs: z.number(),
  points: z.array(z.object({ t: z.number().describe('Epoch ms of the bucket start'), ...figures })),
  totals: z.object(figures).describe('The whole range (percentiles over all its calls)'),
});

const gateSeriesAnswerSchema = z.object({
  since: z.string(),
  until: z.string(),
  bucketMs: z.number(),
  points: z.array(
    z.object({
      t: z.number().describe('Epoch ms of the bucket start'),
      gate: z.string(),
      runs: z.number(),
      passed: z.number(),
      failed: z.number(),
    }),
  ),
});

/** The window and bucket width of a series query, refusing more than MAX_SERIES_POINTS. */
function seriesWindow(query: z.infer<typeof usageSeriesQuerySchema>) {
  const until = Date.now();
  const since = sinceToEpochMs(query.since, until);
  const width = bucketMs[query.bucket];
  if ((until - since) / width > MAX_SERIES_POINTS) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `since=${query.since} with bucket=${query.bucket} gives more than ${MAX_SERIES_POINTS} points: use a wider bucket`,
    );
  }
  return { since, until, width };
}

/** GET /api/usage/series and GET /api/gates/series: figures per time bucket (the dashboard's charts). */
export function registerApiUsageSeries(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/gates/series',
    {
      config: { permission: 'usage' },
      schema: {
        operationId: 'getGateSeries',
        summary: 'Gate runs, passes and failures per time bucket and gate',
        tags: ['api'],
        querystring: jsonSchema(usageSeriesQuerySchema, 'input'),
        response: { 200: jsonResponse(gateSeriesAnswerSchema, 'Gate series'), ...errorResponses },
      },
    },
    async (request) => {
      const query = parseInput(usageSeriesQuerySchema, request.query, 'gate series query');
      const { since, until, width } = seriesWindow(query);
      const points = await gateSeries(deps.runtime.store.db, { since, until, bucketMs: width });
      return {
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        bucketMs: width,
        points,
      };
    },
  );
  app.get(
    '/api/usage/series',
    {
      config: { permission: 'usage' },
      schema: {
        operationId: 'getUsageSeries',
        summary: 'Usage per time bucket: calls, failures, cost, cache hits, p50/p95 latency',
        tags: ['api'],
        querystring: jsonSchema(usageSeriesQuerySchema, 'input'),
        response: { 200: jsonResponse(seriesAnswerSchema, 'Usage series'), ...errorResponses },
      },
    },
    async (request) => {
      const query = parseInput(usageSeriesQuerySchema, request.query, 'usage series query');
      const { since, until, width } = seriesWindow(query);
      const principal = request.shipgate.principal;
      const caller = principal && usageScope(principal.role) === 'own' ? principal.name : undefined;
      const { db, kind } = deps.runtime.store;
      const [points, totals] = await Promise.all([
        usageSeries(db, kind, { since, until, bucketMs: width, caller }),
        usageTotals(db, kind, { since, until, caller }),
      ]);
      return {
        totals,
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        bucketMs: width,
        points,
      };
    },
  );
}

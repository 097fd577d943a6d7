import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { nextPeriodStart, periodStart, type BudgetPeriod } from '../auth/period.js';
import { usageScope } from '../auth/roles.js';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import type { ServerDeps } from '../server-deps.js';

const budgetsSchema = z.object({
  keys: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      period: z.enum(['day', 'month']),
      budgetUsd: z.number().nullable().describe('null: no budget set'),
      spentUsd: z.number(),
      remainingUsd: z.number().nullable(),
      resetAt: z.string(),
      rpm: z.number().nullable(),
      tpm: z.number().nullable(),
    }),
  ),
});

/**
 * GET /api/budgets: each active key's spend in its budget period (month for keys
 * without a budget) against its budget. A developer key sees only itself.
 */
export function registerApiBudgets(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/budgets',
    {
      config: { permission: 'usage' },
      schema: {
        operationId: 'getBudgets',
        summary: 'Per-key budgets and spend in the current period',
        tags: ['api'],
        response: { 200: jsonResponse(budgetsSchema, 'Budgets'), ...errorResponses },
      },
    },
    async (request) => {
      const now = Date.now();
      const principal = request.shipgate.principal;
      const own = principal && usageScope(principal.role) === 'own' ? principal.name : undefined;
      const keys = (await deps.runtime.store.keys.list()).filter(
        (key) => key.revokedAt === null && (own === undefined || key.name === own),
      );
      const rows = await Promise.all(
        keys.map(async (key) => {
          const period: BudgetPeriod = key.budgetPeriod === 'day' ? 'day' : 'month';
          const since = periodStart(period, now);
          const spent = await deps.runtime.store.usage.summarize(
            { since, caller: key.name },
            'caller',
          );
          const spentMicros = spent.reduce((sum, row) => sum + row.costMicros, 0);
          return {
            name: key.name,
            role: key.role,
            period,
            budgetUsd: key.budgetMicros === null ? null : key.budgetMicros / 1e6,
            spentUsd: spentMicros / 1e6,
            remainingUsd:
              key.budgetMicros === null ? null : Math.max(0, key.budgetMicros - spentMicros) / 1e6,
            resetAt: new Date(nextPeriodStart(period, now)).toISOString(),
            rpm: key.rpm,
            tpm: key.tpm,
          };
        }),
      );
      return { keys: rows };
    },
  );
}

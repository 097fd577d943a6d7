import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { breakerKey } from '../../gateway/router/breaker.js';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import type { ServerDeps } from '../server-deps.js';

const HOUR_MS = 3_600_000;

const modelHealthSchema = z.object({
  models: z.array(
    z.object({
      alias: z.string(),
      provider: z.string(),
      providerKind: z.string().nullable(),
      modelId: z.string(),
      contextWindow: z.number(),
      capabilities: z.array(z.string()),
      price: z
        .object({ input: z.number(), output: z.number() })
        .nullable()
        .describe('USD per 1M tokens'),
      breaker: z.enum(['closed', 'open', 'half-open']),
      lastHour: z.object({ calls: z.number(), failures: z.number(), p95LatencyMs: z.number() }),
    }),
  ),
});

/** GET /api/models: configured models with their breaker state and the last hour's health. */
export function registerApiModelsHealth(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/models',
    {
      config: { permission: 'models' },
      schema: {
        operationId: 'getModelsHealth',
        summary: 'Models and providers: breaker state, last hour calls, failures and p95 latency',
        tags: ['api'],
        response: { 200: jsonResponse(modelHealthSchema, 'Models'), ...errorResponses },
      },
    },
    async () => {
      const since = Date.now() - HOUR_MS;
      const rows = await deps.runtime.store.usage.summarize({ since }, 'model');
      const byModel = new Map(rows.map((row) => [row.key, row]));
      const models = deps.gateway.registry.list().map((spec) => {
        const recent = byModel.get(spec.alias);
        return {
          alias: spec.alias,
          provider: spec.provider,
          providerKind: deps.providers[spec.provider]?.kind ?? null,
          modelId: spec.modelId,
          contextWindow: spec.contextWindow,
          capabilities: [...spec.capabilities],
          price: spec.price
            ? {
                input: spec.price.inputPerMTokMicros / 1e6,
                output: spec.price.outputPerMTokMicros / 1e6,
              }
            : null,
          breaker: deps.gateway.breakers.state(breakerKey(spec.provider, spec.modelId)),
          lastHour: {
            calls: recent?.calls ?? 0,
            failures: recent?.failures ?? 0,
            p95LatencyMs: recent?.p95LatencyMs ?? 0,
          },
        };
      });
      return { models };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import type { ServerDeps } from '../server-deps.js';

const healthSchema = z.object({ ok: z.boolean() });
const readySchema = z.object({
  ok: z.boolean(),
  checks: z.record(z.string(), z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

async function check(fn: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Readiness: the store answers, a provider is configured, Redis answers (scale-out). */
async function readiness(deps: ServerDeps): Promise<Record<string, string>> {
  const { runtime } = deps;
  const checks: Record<string, string> = {
    store: await check(() => runtime.store.ping()),
    providers: Object.keys(runtime.config.providers).length > 0 ? 'ok' : 'no provider configured',
  };
  if (runtime.redis) {
    const redis = runtime.redis;
    checks.redis = await check(() => redis.ping());
  }
  return checks;
}

/** GET /healthz, /readyz, /metrics. */
export function registerOps(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness',
        tags: ['ops'],
        response: { 200: jsonResponse(healthSchema, 'Alive') },
      },
    },
    async () => ({ ok: true }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: store, providers (and Redis when configured)',
        tags: ['ops'],
        response: {
          200: jsonResponse(readySchema, 'Ready'),
          503: jsonResponse(readySchema, 'Not ready; `checks` says which check failed'),
        },
      },
    },
    async (_request, reply) => {
      const checks = await readiness(deps);
      const failed = Object.entries(checks).filter(([, v]) => v !== 'ok');
      if (failed.length === 0) return { ok: true, checks };
      const message = failed.map(([k, v]) => `${k}: ${v}`).join('; ');
      return reply.code(503).send({ ok: false, checks, error: { code: 'not_ready', message } });
    },
  );
  app.get(
    '/metrics',
    {
      config: { permission: 'metrics' },
      schema: {
        summary: 'Prometheus metrics',
        tags: ['ops'],
        response: {
          200: {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (_request, reply) => {
      if (deps.metrics) {
        const text = await deps.metrics.registry.metrics();
        return reply.type(deps.metrics.registry.contentType).send(text);
      }
      const stats = deps.gateway.meter.stats();
      const lines = Object.entries(stats).map(([k, v]) => `shipgate_meter_${k} ${Number(v)}`);
      return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
    },
  );
}

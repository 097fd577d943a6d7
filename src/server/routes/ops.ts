import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import type { ServerDeps } from '../server-deps.js';

const healthSchema = z.object({ ok: z.boolean() });
/** A check's public verdict: never the error's text (it can name hosts, users, paths). */
const checkVerdicts = ['ok', 'unavailable', 'not_configured'] as const;
type CheckVerdict = (typeof checkVerdicts)[number];

const readySchema = z.object({
  ok: z.boolean(),
  checks: z.record(z.string(), z.enum(checkVerdicts)),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

async function check(
  name: string,
  log: FastifyBaseLogger,
  fn: () => Promise<unknown> | unknown,
): Promise<CheckVerdict> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    log.warn({ check: name, err: error }, 'readiness check failed');
    return 'unavailable';
  }
}

/** Readiness: the store answers, a provider is configured, Redis answers (scale-out). */
async function readiness(
  deps: ServerDeps,
  log: FastifyBaseLogger,
): Promise<Record<string, CheckVerdict>> {
  const { runtime } = deps;
  const checks: Record<string, CheckVerdict> = {
    store: await check('store', log, () => runtime.store.ping()),
    providers: Object.keys(runtime.config.providers).length > 0 ? 'ok' : 'not_configured',
  };
  if (runtime.redis) {
    const redis = runtime.redis;
    checks.redis = await check('redis', log, () => redis.ping());
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
        summary:
          'Readiness: store, providers (and Redis when configured), each ok, unavailable or not_configured',
        tags: ['ops'],
        response: {
          200: jsonResponse(readySchema, 'Ready'),
          503: jsonResponse(readySchema, 'Not ready; `checks` says which check failed'),
        },
      },
    },
    async (request, reply) => {
      const checks = await readiness(deps, request.log);
      const failed = Object.entries(checks).filter(([, v]) => v !== 'ok');
      if (failed.length === 0) return { ok: true, checks };
      const message = `not ready: ${failed.map(([k, v]) => `${k} ${v}`).join(', ')}`;
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

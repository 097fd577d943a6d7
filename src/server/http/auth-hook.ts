import type { FastifyInstance } from 'fastify';
import type { AuthPort, MetricsPort } from '../ports.js';
import { overheadMs } from './request-state.js';

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Every route declares `config.permission`; this hook authenticates the key
 * (Bearer or x-api-key) and authorizes it. Without an auth module the server runs
 * loopback-only (the CLI enforces the bind) and every request is the local principal.
 */
export function installAuth(app: FastifyInstance, auth: AuthPort | undefined): void {
  if (!auth) return;
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (!permission) return;
    // No key at all: loopback-only mode, every request is allowed (SDKs' dummy keys ignored).
    if (!(await auth.enabled())) return;
    const principal = await auth.authenticate(
      header(request.headers.authorization),
      header(request.headers['x-api-key']),
    );
    auth.authorize(principal, permission);
    request.shipgate.principal = principal;
  });
}

/** Request metrics from the raw `close` event, so hijacked (streamed) replies count too. */
export function installRequestMetrics(
  app: FastifyInstance,
  metrics: MetricsPort | undefined,
): void {
  if (!metrics) return;
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.once('close', () => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.observeRequest({
        route,
        method: request.method,
        status: reply.raw.statusCode,
        durationMs: performance.now() - request.shipgate.startedAt,
        overheadMs: overheadMs(request),
      });
    });
    done();
  });
}

import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { accessFor, routeKey } from '../auth/route-permissions.js';
import { isLoopback } from '../bind-policy.js';
import type { AuthPort, MetricsPort, Permission } from '../ports.js';
import type { ExchangeRequest } from './exchange.js';
import { overheadMs } from './request-state.js';

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A route as Fastify registered it (HEAD twins left out), for the permission-table tests and docs. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** What the route's own `config.permission` says (informational; the table decides). */
  declared: Permission | undefined;
}

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered on `app` after `installAuth`. */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registered.get(app) ?? [];
}

function collectRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = route.config as { permission?: Permission } | undefined;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, declared: config?.permission });
    }
  });
}

function unreachable(key: string): ShipgateError {
  return new ShipgateError(
    ErrorCode.Forbidden,
    `${key} has no entry in the permission table, so no key may call it`,
  );
}

/**
 * Authorizes every request against THE permission table (src/server/auth/route-permissions.ts):
 * a route missing from it is unreachable (403), a `public` one needs no key, any other
 * needs a key whose role grants the permission whenever `auth.enabled()` says keys are
 * required. Without an auth module (embedding, tests) table routes are open to the local
 * principal, and only on loopback (else this throws); the CLI always passes one.
 * Unmatched URLs fall through to the 404 handler.
 */
export function installAuth(
  app: FastifyInstance,
  auth: AuthPort | undefined,
  bindHost = '127.0.0.1',
): void {
  if (!auth && !isLoopback(bindHost)) {
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `a server listening on ${bindHost} needs an auth module (createServer({ auth })): without one every request would be allowed`,
    );
  }
  collectRoutes(app);
  app.addHook('onRequest', (request) => authorizeRequest(auth, request));
}

/**
 * The permission table applied to one request (the Fastify hook and the lean path):
 * sets `request.shipgate.principal` when a key was needed and given, throws when
 * the route is unreachable or the key may not call it.
 */
export async function authorizeRequest(
  auth: AuthPort | undefined,
  request: Pick<ExchangeRequest, 'method' | 'routeOptions' | 'headers' | 'shipgate'>,
): Promise<void> {
  const url = request.routeOptions.url;
  if (url === undefined) return;
  const access = accessFor(request.method, url);
  if (access === undefined) throw unreachable(routeKey(request.method, url));
  if (access === 'public' || !auth) return;
  // No key was ever created (loopback only): every request is allowed, SDKs' dummy keys ignored.
  if (!(await auth.enabled())) return;
  const principal = await auth.authenticate(
    header(request.headers.authorization),
    header(request.headers['x-api-key']),
  );
  auth.authorize(principal, access);
  request.shipgate.principal = principal;
}

/** Request metrics from the raw `close` event, so hijacked (streamed) replies count too. */
export function installRequestMetrics(
  app: FastifyInstance,
  metrics: MetricsPort | undefined,
): void {
  if (!metrics) return;
  app.addHook('onRequest', (request, reply, done) => {
    observeOnClose(metrics, request, reply.raw);
    done();
  });
}

/** One request's metrics, observed when its response closes (finished or cut). */
export function observeOnClose(
  metrics: MetricsPort,
  request: Pick<ExchangeRequest, 'method' | 'routeOptions' | 'shipgate'>,
  res: ServerResponse,
): void {
  res.once('close', () => {
    metrics.observeRequest({
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: res.statusCode,
      durationMs: performance.now() - request.shipgate.startedAt,
      overheadMs: overheadMs(request),
    });
  });
}

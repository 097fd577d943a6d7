import type { FastifyInstance } from 'fastify';
import { hostGuard } from '../http/host-check.js';
import type { AuditPort, AuthPort, MetricsPort } from '../ports.js';
import { chatCompletionsHandler } from '../routes/chat-completions.js';
import { completionsHandler } from '../routes/completions.js';
import { messagesHandler } from '../routes/messages.js';
import type { ServerDeps } from '../server-deps.js';
import { LeanPath } from './lean-path.js';

export interface LeanPathSettings {
  auth?: AuthPort;
  audit?: AuditPort;
  metrics?: MetricsPort;
  host?: string;
  bodyTimeoutMs: number;
}

/**
 * The lean path over the server's own steps (see createServer): the same handlers,
 * permission table, Host check, egress scope and body limits Fastify's routes use.
 * At `debug` logging Fastify keeps every request, so the access log sees them all.
 */
export function leanPathFor(
  app: FastifyInstance,
  deps: ServerDeps,
  settings: LeanPathSettings,
): LeanPath | null {
  if (app.log.level === 'debug' || app.log.level === 'trace') return null;
  const { config, egressScope } = deps.runtime;
  return new LeanPath({
    routes: new Map([
      ['/v1/chat/completions', chatCompletionsHandler(deps)],
      ['/v1/messages', messagesHandler(deps)],
      ['/v1/completions', completionsHandler(deps)],
    ]),
    auth: settings.auth,
    metrics: settings.metrics,
    hostGuard: hostGuard({
      bindHost: settings.host ?? config.server.host,
      allowedHosts: config.server.allowedHosts,
    }),
    egress:
      egressScope && config.policy.egress.length > 0
        ? { scope: egressScope, audit: settings.audit }
        : null,
    limits: { bodyLimitBytes: config.server.bodyLimitBytes, bodyTimeoutMs: settings.bodyTimeoutMs },
    logger: app.log,
  });
}

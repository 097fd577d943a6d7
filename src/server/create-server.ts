import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Validator } from '../gates/pipeline.js';
import type { JobSystem } from '../jobs/job-system.js';
import type { Runtime } from '../runtime.js';
import { createSecretDetector, type SecretDetector } from '../secrets/detect.js';
import { installAccessLog } from './http/access-log.js';
import { installAuth, installRequestMetrics } from './http/auth-hook.js';
import { installEgressScope } from './http/egress-hook.js';
import { installErrorHandlers } from './http/error-handler.js';
import { installHostCheck } from './http/host-check.js';
import { installJsonBody } from './http/json-body.js';
import { genRequestId, installRequestState } from './http/request-state.js';
import { installOpenApi } from './openapi.js';
import { PassthroughCache } from './passthrough/byte-cache.js';
import { UpstreamPools } from './passthrough/upstream-pools.js';
import type { AuditPort, AuthPort, MetricsPort } from './ports.js';
import { registerApiComplete } from './routes/api-complete.js';
import { registerApiGenerate } from './routes/api-generate.js';
import { registerApiJobs } from './routes/api-jobs.js';
import { registerApiRecords } from './routes/api-records.js';
import { registerApiCost } from './routes/api-cost.js';
import { registerApiText } from './routes/api-text.js';
import { registerApiReview } from './routes/api-review.js';
import { registerApiValidate } from './routes/api-validate.js';
import { registerChatCompletions } from './routes/chat-completions.js';
import { registerCompletions } from './routes/completions.js';
import { registerMessages } from './routes/messages.js';
import { registerModels } from './routes/models.js';
import { registerOps } from './routes/ops.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerApiAuditVerify } from './routes/api-audit-verify.js';
import { registerApiBudgets } from './routes/api-budgets.js';
import { registerApiMe } from './routes/api-me.js';
import { registerApiModelsHealth } from './routes/api-models-health.js';
import { registerApiUsageSeries } from './routes/api-usage-series.js';
import type { ServerDeps } from './server-deps.js';
import { leanPathFor } from './lean/lean-path-for.js';
import type { LeanPath } from './lean/lean-path.js';
import { leanServerFactory } from './lean/lean-server.js';

export interface CreateServerOptions {
  runtime: Runtime;
  auth?: AuthPort;
  audit?: AuditPort;
  metrics?: MetricsPort;
  /** Async jobs and Idempotency-Key records (src/jobs); without it async requests get 503. */
  jobs?: JobSystem;
  validator?: Validator;
  /** A pino logger (never given prompt bodies); default: silent. */
  logger?: FastifyBaseLogger;
  /** Default project root for /api/validate (default: process.cwd()). */
  cwd?: string;
  /** A body that has not fully arrived this long after the headers gets 408 (default 30 s). */
  bodyTimeoutMs?: number;
  /** Sockets per upstream origin for the pass-through (default 128). */
  upstreamConnections?: number;
  version?: string;
  /** The interface the caller listens on (default `server.host`): loopback turns on the Host check. */
  host?: string;
  /** The built dashboard (default: the package's web/dist). */
  dashboardDir?: string;
  /** Serve the `/v1` inference routes on the lean path (default: `server.leanPath`, true). */
  leanPath?: boolean;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * The gateway server: OpenAI/Anthropic-compatible routes, the native API, ops
 * routes and the OpenAPI document, over a runtime. Everything is passed in; the
 * caller listens and closes (closing also closes the upstream pools, not the runtime).
 */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const { runtime } = options;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
  let lean: LeanPath | null = null;
  const app = Fastify({
    serverFactory: leanServerFactory(() => lean),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: genRequestId,
    logController: new LogController({ disableRequestLogging: true }), // see installAccessLog
    bodyLimit: runtime.config.server.bodyLimitBytes,
    // Node's own request timeout answers a bare 408; ours (in the body reader) answers JSON first.
    requestTimeout: bodyTimeoutMs + 5_000,
    return503OnClosing: true,
  });
  // Untrusted input, CPU-bound gates in a worker pool (src/gates/server-validator.ts).
  let ownValidator: Promise<Validator> | undefined;
  const serverValidator = (): Promise<Validator> =>
    (ownValidator ??= import('../gates/server-validator.js').then((m) =>
      m.createServerValidator(),
    ));
  const pools = new UpstreamPools({
    connections: options.upstreamConnections,
    proxy: runtime.config.proxy,
  });
  const detector = lazy((): SecretDetector => createSecretDetector());
  const deps: ServerDeps = {
    runtime,
    gateway: runtime.gateway,
    pools,
    passthroughCache:
      runtime.config.cache.enabled && !runtime.config.redact.requests
        ? new PassthroughCache({
            ttlMs: runtime.config.cache.ttlSeconds * 1000,
            maxEntries: runtime.config.cache.maxEntries,
            maxBytes: runtime.config.cache.maxBytes,
          })
        : null,
    providers: runtime.config.providers,
    auth: options.auth,
    audit: options.audit,
    metrics: options.metrics,
    jobs: options.jobs,
    validator: options.validator
      ? () => Promise.resolve(options.validator as Validator)
      : serverValidator,
    detector,
    // issue 15: with redact.requests pass-through bodies are masked and the byte cache is off
    redactWith: runtime.config.redact.requests ? detector : undefined,
    complete: lazy(async () =>
      (await import('../complete/index.js')).createCompleteService(runtime, (error) =>
        options.logger?.warn({ err: error }, 'completion log write failed'),
      ),
    ),
    cwd: options.cwd ?? process.cwd(),
  };
  installRequestState(app);
  installAccessLog(app);
  installRequestMetrics(app, options.metrics);
  installHostCheck(app, {
    bindHost: options.host ?? runtime.config.server.host,
    allowedHosts: runtime.config.server.allowedHosts,
  });
  installAuth(app, options.auth, options.host ?? runtime.config.server.host);
  installErrorHandlers(app, options.metrics);
  // issue 15: x-shipgate-path / x-shipgate-repo → the gateway's egress policy step
  if (runtime.egressScope && runtime.config.policy.egress.length > 0)
    installEgressScope(app, runtime.egressScope, options.audit);
  installJsonBody(app, { bodyLimitBytes: runtime.config.server.bodyLimitBytes, bodyTimeoutMs });
  await installOpenApi(app, options.version ?? '0.1.0');
  registerChatCompletions(app, deps);
  registerCompletions(app, deps);
  registerMessages(app, deps);
  registerModels(app, deps);
  registerApiGenerate(app, deps);
  registerApiJobs(app, deps);
  registerApiValidate(app, deps);
  registerApiReview(app, deps);
  registerApiComplete(app, deps);
  registerApiText(app, deps);
  registerApiRecords(app, deps);
  registerApiCost(app, deps); // issue 15: GET /api/cost, GET /api/analytics
  registerOps(app, deps);
  registerApiMe(app, deps);
  registerApiModelsHealth(app, deps);
  registerApiUsageSeries(app, deps);
  registerApiBudgets(app, deps);
  registerApiAuditVerify(app, deps);
  registerDashboard(app, options.dashboardDir);
  if (options.leanPath ?? runtime.config.server.leanPath)
    lean = leanPathFor(app, deps, { ...options, bodyTimeoutMs });
  app.addHook('preClose', async () => {
    if (lean) lean.closing = true;
  });
  app.addHook('onClose', () => pools.close());
  app.addHook('onClose', async () => {
    const made = await ownValidator?.catch(() => undefined);
    await made?.close();
  });
  return app;
}

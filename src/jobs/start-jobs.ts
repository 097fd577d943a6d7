/**
 * Wires the jobs for a process from its runtime: the job service over the store,
 * BullMQ when `redis.url` is set, and — when this process runs jobs — the runner
 * (polling in embedded mode, a BullMQ worker in scale-out) plus the webhook
 * dispatcher. `stop` is the graceful shutdown: stop taking work, finish or
 * release what runs, close.
 */
import { generateRecorder } from '../analytics/record-generate.js';
import type { Validator } from '../gates/pipeline.js';
import { proxiedFetch, proxyDispatcher } from '../providers/proxy-dispatcher.js';
import type { Runtime } from '../runtime.js';
import { startBullWorker, createBullQueue, type BullSettings, type BullWorker } from './bullmq.js';
import type { JobHandler } from './execute.js';
import { createJobHandlers } from './handlers.js';
import type { JobLimits } from './job-limits.js';
import type { Registry } from 'prom-client';
import { registerJobMetrics } from './job-metrics.js';
import { createJobSystem, type JobQueue, type JobSystem } from './job-system.js';
import { createPollingRunner, type JobRunner } from './polling-runner.js';
import { createWebhookDispatcher, type Dispatcher } from './webhook-dispatcher.js';

export interface StartJobsOptions {
  runtime: Runtime;
  /** Project root for generate and validate jobs. */
  root: string;
  validator: () => Promise<Validator>;
  /** Run jobs and deliver webhooks in this process. Default: config jobs.runInServer. */
  run?: boolean;
  concurrency?: number;
  review?: JobHandler;
  /** Registers the job metrics (queue depth, stalled, latency, attempts) here. */
  metricsRegistry?: Registry;
  /** The submitting keys' rate limits and budgets for the jobs' model calls (serve and worker pass their auth). */
  limits?: JobLimits;
  onError?: (error: unknown) => void;
}

export interface JobsRuntime {
  system: JobSystem;
  /** True when this process runs jobs. */
  running: boolean;
  mode: 'embedded' | 'bullmq';
  stop(graceMs?: number): Promise<void>;
}

/** Whether `serve` runs jobs: always/never, or auto = only without Redis (embedded). */
export function serverRunsJobs(runtime: Runtime): boolean {
  const setting = runtime.config.jobs.runInServer;
  return setting === 'always' || (setting === 'auto' && !runtime.config.redis.url);
}

export function bullSettings(runtime: Runtime): BullSettings | null {
  const url = runtime.config.redis.url;
  if (!url) return null;
  return {
    redisUrl: url,
    prefix: `${runtime.config.redis.keyPrefix}bull`,
    queueName: runtime.config.jobs.queueName,
  };
}

/**
 * The model caller of `priority: "batch"` jobs, or undefined when none can use a
 * provider batch API (ADR 0029): the egress policy and request redaction live in
 * the gateway, so with either configured batch jobs run through it as usual.
 */
async function batchGatewayFor(runtime: Runtime, onError?: (error: unknown) => void) {
  const { config } = runtime;
  const { batchBackends } = await import('./batch-api/backends.js');
  const dispatcher = proxyDispatcher(config.proxy);
  const fetch = dispatcher ? (proxiedFetch(dispatcher) as typeof globalThis.fetch) : undefined;
  const backends = batchBackends(config.providers, config.jobs.batchApi, fetch);
  if (backends.size === 0 || config.policy.egress.length > 0 || config.redact.requests)
    return undefined;
  const [{ createBatchCaller }, { dbBatchLedger }] = await Promise.all([
    import('./batch-api/batch-caller.js'),
    import('./batch-api/call-ledger.js'),
  ]);
  return createBatchCaller({
    gateway: runtime.gateway,
    backends,
    settings: config.jobs.batchApi,
    events: { onError },
    ledger: dbBatchLedger(runtime.store.db),
  });
}

export async function startJobs(options: StartJobsOptions): Promise<JobsRuntime> {
  const { runtime } = options;
  const { config, store } = runtime;
  const settings = bullSettings(runtime);
  const queue: JobQueue | undefined = settings ? await createBullQueue(settings) : undefined;
  const system = createJobSystem({
    db: store.db,
    kind: store.kind,
    jobs: config.jobs,
    webhooks: config.webhooks,
    idempotencyTtlMs: config.idempotency.ttlHours * 3_600_000,
    queue,
  });
  const metrics = options.metricsRegistry
    ? registerJobMetrics(options.metricsRegistry, system)
    : undefined;
  const run = options.run ?? serverRunsJobs(runtime);
  if (!run) {
    return {
      system,
      running: false,
      mode: settings ? 'bullmq' : 'embedded',
      stop: () => system.close(),
    };
  }
  const execute = {
    db: store.db,
    handlers: createJobHandlers({
      config,
      gateway: runtime.gateway,
      batchGateway: await batchGatewayFor(runtime, options.onError),
      validator: options.validator,
      root: options.root,
      review: options.review,
      hasModel: Object.keys(config.providers).length > 0,
      recordGenerate: generateRecorder(store.db, (error) => options.onError?.(error)),
      limits: options.limits,
    }),
    endpoints: config.webhooks.endpoints,
    leaseMs: config.jobs.leaseMs,
    onFinished: metrics?.observe,
  };
  const concurrency = options.concurrency ?? config.jobs.concurrency;
  let runner: JobRunner | null = null;
  let worker: BullWorker | null = null;
  let sweep: NodeJS.Timeout | undefined;
  if (settings && queue) {
    worker = await startBullWorker({ ...execute, settings, concurrency, onError: options.onError });
    const bull = worker;
    const reconcile = () =>
      void bull.reconcile(queue).catch((error: unknown) => options.onError?.(error));
    reconcile();
    sweep = setInterval(reconcile, Math.max(5_000, config.jobs.leaseMs));
    sweep.unref();
  } else {
    runner = createPollingRunner({
      ...execute,
      kind: store.kind,
      concurrency,
      pollMs: config.jobs.pollMs,
      onError: options.onError,
    });
    await runner.start();
  }
  const dispatcher: Dispatcher = createWebhookDispatcher({
    db: store.db,
    kind: store.kind,
    config: config.webhooks,
    pollMs: config.jobs.pollMs,
    onError: options.onError,
  });
  dispatcher.start();
  return {
    system,
    running: true,
    mode: settings ? 'bullmq' : 'embedded',
    async stop(graceMs = 10_000) {
      clearInterval(sweep);
      await Promise.all([runner?.stop(graceMs), worker?.stop(graceMs)]);
      await dispatcher.stop();
      await system.close();
    },
  };
}

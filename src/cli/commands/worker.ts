/**
 * `shipgate worker [--concurrency N]` — runs async jobs and delivers their webhooks:
 * from BullMQ when redis.url is configured (scale-out), else from the store's
 * in-process queue. SIGTERM/SIGINT: stop taking work, finish or release running
 * jobs within --shutdown-ms, exit.
 */
import type { Command } from 'commander';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { loadRuntime } from '../lazy.js';
import { positiveInt } from '../options.js';

interface WorkerOptions {
  concurrency?: number;
  shutdownMs: number;
  metricsPort?: number;
}

function waitForSignal(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done).off('SIGTERM', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    process.once('SIGINT', done).once('SIGTERM', done);
  });
}

async function work(ctx: CliContext, opts: WorkerOptions): Promise<void> {
  const [{ createRuntime }, { startJobs }, { createValidator }] = await Promise.all([
    loadRuntime(),
    import('../../jobs/start-jobs.js'),
    import('../../gates/pipeline.js'),
  ]);
  const onError = (error: unknown) =>
    ctx.stderr.write(
      `shipgate worker: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  const runtime = await createRuntime(ctx.config(), { onBackgroundError: onError });
  const metrics =
    opts.metricsPort === undefined
      ? undefined
      : await (await import('./worker-metrics.js')).startWorkerMetrics(opts.metricsPort);
  try {
    let validator: ReturnType<typeof createValidator> | undefined;
    // the same limits and budgets as the servers (shared through Redis in scale-out)
    const { createAuth } = await import('../../server/auth/auth.js');
    const config = runtime.config;
    const limits = createAuth({
      store: runtime.store,
      sharedLimits: runtime.redis
        ? { redis: runtime.redis, prefix: config.redis.keyPrefix }
        : undefined,
    });
    const jobs = await startJobs({
      runtime,
      root: ctx.cwd,
      validator: async () => (validator ??= createValidator()),
      run: true,
      concurrency: opts.concurrency,
      onError,
      metricsRegistry: metrics?.registry,
      limits,
    });
    if (metrics) ctx.stdout.write(`shipgate worker metrics on ${metrics.url}\n`);
    const concurrency = opts.concurrency ?? runtime.config.jobs.concurrency;
    ctx.stdout.write(
      `shipgate worker ${process.pid} running jobs (${jobs.mode === 'bullmq' ? 'BullMQ' : 'in-process queue'}, concurrency ${concurrency})\n`,
    );
    await waitForSignal(ctx.signal);
    ctx.stderr.write('shipgate worker: stopping, finishing running jobs…\n');
    await jobs.stop(opts.shutdownMs);
  } finally {
    await metrics?.close();
    await runtime.close();
  }
}

export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description(
      'run async jobs and deliver their webhooks (BullMQ with redis.url, else the store queue)',
    )
    .option(
      '--concurrency <n>',
      'jobs at once (default: jobs.concurrency, 4)',
      positiveInt('--concurrency'),
    )
    .option(
      '--metrics-port <port>',
      'serve Prometheus metrics (job latency, attempts, queue depth, stalled) on 127.0.0.1:<port>/metrics',
      positiveInt('--metrics-port'),
    )
    .option(
      '--shutdown-ms <ms>',
      'grace period for running jobs on SIGTERM',
      positiveInt('--shutdown-ms'),
      10_000,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate worker\n  shipgate worker --concurrency 8 --config ./shipgate.config.yaml\n  shipgate worker --metrics-port 9464   # GET http://127.0.0.1:9464/metrics\n  SHIPGATE_REDIS_URL=redis://127.0.0.1:6379 shipgate worker',
    )
    .action(action(ctx, (opts: WorkerOptions) => work(ctx, opts)));
}

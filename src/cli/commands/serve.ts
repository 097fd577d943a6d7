import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Runtime } from '../../runtime.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import { loadRuntime } from '../lazy.js';
import { parseShutdownMs } from '../shutdown-ms.js';
import type { CliContext } from '../context.js';
import { version } from '../main.js';
import { applyWasmTiering } from '../../server/wasm-tiering.js';

/**
 * Under load, audit batches start at most this often: each is one transaction on the
 * writer thread, and at 10 ms the commits alone were ~8 % of the CPU per request in
 * bench:gateway. After a quiet spell an entry is still written at once.
 */
const auditBatchMs = 100;

interface ServeOptions {
  port?: number;
  host?: string;
  shutdownMs: number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError('must be a port number 0-65535');
  return port;
}

/** Resolves on SIGINT/SIGTERM (or the CLI context's own cancel signal). */
function waitForShutdown(signal: AbortSignal): Promise<void> {
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

async function serve(ctx: CliContext, runtime: Runtime, opts: ServeOptions): Promise<void> {
  const { config } = runtime;
  applyWasmTiering(config.server.wasmTierUp);
  const host = opts.host ?? config.server.host;
  const port = opts.port ?? config.server.port;
  const [
    { pino },
    { createAuditLog },
    { decideAuthPolicy },
    { createAuth },
    { createServer },
    { createMetrics },
  ] = await Promise.all([
    import('pino'),
    import('../../audit/audit-log.js'),
    import('../../server/bind-policy.js'),
    import('../../server/auth/auth.js'),
    import('../../server/create-server.js'),
    import('../../metrics/metrics.js'),
  ]);
  const keys = await runtime.store.keys.list();
  const policy = decideAuthPolicy(host, config.auth.required, {
    created: keys.length,
    active: keys.filter((key) => key.revokedAt === null).length,
  });
  const auth = createAuth({
    store: runtime.store,
    required: policy.keysRequired,
    // scale-out: limits and budgets shared by every server on the Redis
    sharedLimits: runtime.redis
      ? { redis: runtime.redis, prefix: config.redis.keyPrefix }
      : undefined,
  });
  const logger = pino({ level: config.logging.level }, pino.destination(2));
  const audit = createAuditLog({
    store: runtime.store,
    includePrompts: false,
    minFlushIntervalMs: auditBatchMs,
  });
  const metrics = createMetrics({ gateway: runtime.gateway, auth, audit, processMetrics: true });
  const { startJobs } = await import('../../jobs/start-jobs.js');
  const jobs = await startJobs({
    runtime,
    root: ctx.cwd,
    validator: async () => (await import('../../gates/pipeline.js')).createValidator(),
    metricsRegistry: metrics.registry,
    limits: auth,
    onError: (error) => logger.error({ err: error }, 'jobs: background error'),
  });
  const app = await createServer({
    runtime,
    auth,
    audit,
    metrics,
    jobs: jobs.system,
    logger,
    cwd: ctx.cwd,
    version,
    host,
  });
  const url = await app.listen({ host, port });
  const providers = Object.values(config.providers).map((p) => `${p.name} (${p.kind})`);
  ctx.stdout.write(
    `shipgate ${version} listening on ${url}\n` +
      `  mode:      ${runtime.store.kind === 'postgres' ? 'scale-out (Postgres' + (runtime.redis ? ' + Redis)' : ')') : `embedded (${config.storageUrl})`}\n` +
      `  auth:      ${policy.summary}\n` +
      `  providers: ${providers.join(', ') || 'none (set OPENAI_API_KEY / ANTHROPIC_API_KEY or configure providers)'}\n` +
      `  OpenAI base URL: ${url}/v1   Anthropic base URL: ${url}\n` +
      `  jobs:      ${jobs.running ? `run here (${jobs.mode === 'bullmq' ? 'BullMQ worker' : 'in-process queue'})` : 'queued on BullMQ; run `shipgate worker` to execute them'}\n`,
  );
  await waitForShutdown(ctx.signal);
  ctx.stderr.write('shipgate: shutting down, finishing in-flight requests…\n');
  const deadline = setTimeout(() => app.server.closeAllConnections(), opts.shutdownMs);
  try {
    await app.close();
    await jobs.stop(opts.shutdownMs);
    await audit.close();
  } finally {
    clearTimeout(deadline);
  }
}

/** `shipgate serve [--port 8787] [--host 127.0.0.1] [--config FILE]`. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .addHelpText(
      'after',
      examples(
        'shipgate serve',
        'shipgate serve --port 9000 --config ./shipgate.config.yaml',
        'shipgate keys create --name admin --role admin && shipgate serve --host 0.0.0.0',
      ),
    )
    .description('run the gateway: OpenAI/Anthropic-compatible API, native API, metrics')
    .option('--port <port>', 'port (default: server.port, 8787)', parsePort)
    .option('--host <host>', 'interface (default: server.host, 127.0.0.1)')
    .option(
      '--shutdown-ms <ms>',
      'grace period for in-flight streams on SIGINT/SIGTERM (0 to 3600000)',
      parseShutdownMs,
      10_000,
    )
    .action(
      action(ctx, async (opts: ServeOptions) => {
        const { createRuntime } = await loadRuntime();
        const runtime = await createRuntime(ctx.config(), {
          onBackgroundError: (error) =>
            ctx.stderr.write(`shipgate: background error: ${String(error)}\n`),
        });
        try {
          await serve(ctx, runtime, opts);
        } finally {
          await runtime.close();
        }
      }),
    );
}

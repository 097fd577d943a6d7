/**
 * `shipgate jobs list|show|cancel|retry` — the async jobs in the store (docs/jobs.md).
 * Reads and writes the same rows the server and workers use; a retried job is
 * announced on BullMQ when redis.url is configured.
 */
import { Option, type Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { JobSystem } from '../../jobs/job-system.js';
import { jobStates, type JobView } from '../../jobs/job-types.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import type { CliContext } from '../context.js';
import { loadRuntime } from '../lazy.js';
import { formatOption, positiveInt } from '../options.js';
import { renderTable } from '../table.js';

type Format = 'text' | 'json';

async function withJobs<T>(ctx: CliContext, fn: (jobs: JobSystem) => Promise<T>): Promise<T> {
  const [{ createRuntime }, { startJobs }] = await Promise.all([
    loadRuntime(),
    import('../../jobs/start-jobs.js'),
  ]);
  const runtime = await createRuntime(ctx.config());
  try {
    const jobs = await startJobs({
      runtime,
      root: ctx.cwd,
      validator: () => Promise.reject(new Error('unused')),
      run: false,
    });
    try {
      return await fn(jobs.system);
    } finally {
      await jobs.stop();
    }
  } finally {
    await runtime.close();
  }
}

function print(ctx: CliContext, format: Format, json: unknown, text: string): void {
  ctx.stdout.write(format === 'json' ? `${JSON.stringify(json)}\n` : text);
}

function describeJob(job: JobView): string {
  const lines = [
    `${job.id}  ${job.kind}  ${job.state}  attempts ${job.attempts}`,
    `  created  ${job.createdAt}${job.owner ? `  by ${job.owner}` : ''}`,
  ];
  if (job.startedAt) lines.push(`  started  ${job.startedAt}`);
  if (job.finishedAt) lines.push(`  finished ${job.finishedAt}`);
  if (job.error) lines.push(`  error    ${job.error.code}: ${job.error.message}`);
  if (job.result !== undefined)
    lines.push(`  result   ${JSON.stringify(job.result).slice(0, 400)}`);
  return `${lines.join('\n')}\n`;
}

function registerList(jobs: Command, ctx: CliContext): void {
  jobs
    .command('list')
    .description('recent jobs, newest first')
    .addHelpText(
      'after',
      examples('shipgate jobs list', 'shipgate jobs list --state failed --limit 20 --format json'),
    )
    .addOption(new Option('--state <state>', 'only jobs in this state').choices(jobStates))
    .option('--limit <n>', 'at most this many (default 50)', positiveInt('--limit'), 50)
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, (opts: { state?: string; limit: number; format: Format }) =>
        withJobs(ctx, async (system) => {
          const list = await system.list({ state: opts.state, limit: opts.limit });
          const table = renderTable(
            ['id', 'kind', 'state', 'attempts', 'created', 'owner'],
            list.map((j) => [j.id, j.kind, j.state, j.attempts, j.createdAt, j.owner ?? '']),
          );
          print(ctx, opts.format, { jobs: list }, list.length === 0 ? 'no jobs\n' : `${table}\n`);
        }),
      ),
    );
}

function registerOne(
  jobs: Command,
  ctx: CliContext,
  name: 'show' | 'cancel' | 'retry',
  description: string,
  run: (system: JobSystem, id: string) => Promise<JobView | null>,
): void {
  jobs
    .command(name)
    .description(description)
    .argument('<id>', 'job id (job_…)')
    .addHelpText(
      'after',
      examples(`shipgate jobs ${name} job_0f3c…`, `shipgate jobs ${name} job_0f3c… --format json`),
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, (id: string, opts: { format: Format }) =>
        withJobs(ctx, async (system) => {
          const job = await run(system, id);
          if (!job)
            throw new ShipgateError(ErrorCode.BadRequest, `no job ${id}; see shipgate jobs list`);
          print(ctx, opts.format, job, describeJob(job));
        }),
      ),
    );
}

export function registerJobsCommand(program: Command, ctx: CliContext): void {
  const jobs = program
    .command('jobs')
    .description('async jobs: list, show, cancel, retry')
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate jobs list --state failed\n  shipgate jobs show job_0f3c… --format json\n  shipgate jobs cancel job_0f3c…\n  shipgate jobs retry job_0f3c…',
    );
  registerList(jobs, ctx);
  registerOne(jobs, ctx, 'show', "a job's state, attempts and result", (s, id) => s.get(id));
  registerOne(jobs, ctx, 'cancel', 'cancel a queued or running job', async (s, id) => {
    await s.cancel(id).catch(rethrowAsUsage);
    return s.get(id);
  });
  registerOne(jobs, ctx, 'retry', 'queue a failed or cancelled job again', async (s, id) => {
    await s.retry(id).catch(rethrowAsUsage);
    return s.get(id);
  });
}

/** "not found" and "already finished" are the user's to fix: exit 2, not 1. */
function rethrowAsUsage(error: unknown): never {
  if (
    error instanceof ShipgateError &&
    (error.code === ErrorCode.NotFound || error.code === ErrorCode.Conflict)
  )
    throw new ShipgateError(ErrorCode.BadRequest, error.message);
  throw error;
}

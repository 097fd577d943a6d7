import type { Command } from 'commander';
import { Option } from 'commander';
import { formatMicros } from '../../gateway/cost.js';
import type { UsageGroupBy, UsageSummaryRow } from '../../gateway/usage-record.js';
import { action } from '../action.js';
import { loadStore } from '../lazy.js';
import type { CliContext } from '../context.js';
import { parseSince } from '../duration.js';
import { formatOption } from '../options.js';
import { renderTable } from '../table.js';

interface UsageOptions {
  since: string;
  by: UsageGroupBy;
  format: 'text' | 'json';
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}

function toText(rows: UsageSummaryRow[], by: string): string {
  if (rows.length === 0) return 'No metered calls in this period.\n';
  const table = rows.map((r) => [
    r.key,
    r.calls,
    r.failures,
    r.inputTokens,
    r.outputTokens,
    r.cachedInputTokens,
    formatMicros(r.costMicros),
    Math.round(r.p50LatencyMs),
    Math.round(r.p95LatencyMs),
    percent(r.cacheHits, r.calls),
    r.estimatedCalls,
  ]);
  const total = rows.reduce((sum, r) => sum + r.costMicros, 0);
  return (
    renderTable(
      [
        by,
        'calls',
        'failed',
        'in tok',
        'out tok',
        'cached',
        'cost',
        'p50 ms',
        'p95 ms',
        'cache hit',
        'estimated',
      ],
      table,
    ) + `total cost ${formatMicros(total)}\n`
  );
}

export function registerUsageCommand(program: Command, ctx: CliContext): void {
  program
    .command('usage')
    .description('tokens, cost, latency percentiles and cache hit rate of metered calls')
    .option('--since <when>', 'period start: 7d, 24h, 30m or an ISO date', '7d')
    .addOption(
      new Option('--by <dimension>', 'group by')
        .choices(['model', 'task', 'caller', 'provider'])
        .default('model'),
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, async (opts: UsageOptions) => {
        const since = parseSince(opts.since);
        const { openStore } = await loadStore();
        const store = await openStore(ctx.config().storageUrl);
        try {
          const rows = await store.usage.summarize({ since }, opts.by);
          const out =
            opts.format === 'json'
              ? `${JSON.stringify({ since: new Date(since).toISOString(), by: opts.by, rows })}\n`
              : toText(rows, opts.by);
          ctx.stdout.write(out);
        } finally {
          await store.close();
        }
      }),
    );
}

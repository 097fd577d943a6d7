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
import { acceptanceText, completionAcceptance } from './usage-acceptance.js';
import type { Store } from '../../store/store.js';

interface UsageOptions {
  since: string;
  by: UsageGroupBy;
  format: 'text' | 'json';
  analytics?: boolean;
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

async function printAnalytics(
  ctx: CliContext,
  store: Store,
  since: number,
  format: 'text' | 'json',
): Promise<void> {
  const [{ analyticsReport }, { formatAnalyticsText }] = await Promise.all([
    import('../../analytics/analytics-report.js'),
    import('./analytics-text.js'),
  ]);
  const report = await analyticsReport(store, { since, until: Date.now() });
  ctx.stdout.write(format === 'json' ? `${JSON.stringify(report)}\n` : formatAnalyticsText(report));
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
    .option(
      '--analytics',
      'acceptance, gate pass rates, first-try vs repaired, hallucination proxy, latency (docs/analytics.md)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate usage --since 24h --by task\n  shipgate usage --analytics --since 30d\n  shipgate usage --analytics --format json',
    )
    .action(
      action(ctx, async (opts: UsageOptions) => {
        const since = parseSince(opts.since);
        const { openConfiguredStore } = await loadStore();
        const store = await openConfiguredStore(ctx.config());
        try {
          if (opts.analytics) return await printAnalytics(ctx, store, since, opts.format); // issue 15
          const rows = await store.usage.summarize({ since }, opts.by);
          const acceptance = await completionAcceptance(store, since);
          const out =
            opts.format === 'json'
              ? `${JSON.stringify({ since: new Date(since).toISOString(), by: opts.by, rows, acceptance })}\n`
              : toText(rows, opts.by) + acceptanceText(acceptance);
          ctx.stdout.write(out);
        } finally {
          await store.close();
        }
      }),
    );
}

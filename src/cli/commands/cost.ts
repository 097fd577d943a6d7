/** `shipgate cost`: spend by model, task, key, team and template, and the break-even. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { parseSince } from '../duration.js';
import { loadStore } from '../lazy.js';
import { formatOption } from '../options.js';

interface CostOptions {
  since: string;
  selfHostedMonthly?: number;
  format: 'text' | 'json';
}

function dollars(value: string): number {
  const n = Number(value.replace(/^\$/, '').replace(/,/g, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('give a number of US dollars ≥ 0, e.g. 4162');
  return n;
}

export function registerCostCommand(program: Command, ctx: CliContext): void {
  program
    .command('cost')
    .description('spend by model, task, key, team and template; API vs self-hosted break-even')
    .option('--since <when>', 'period start: 30d, 24h, 2w or an ISO date', '30d')
    .option(
      '--self-hosted-monthly <usd>',
      "monthly cost of self-hosting (default: self-hosted models' costPerHour × 730)",
      dollars,
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .addHelpText(
      'after',
      '\nbreakEvenRequestsPerDay = monthly ÷ 30 ÷ API cost per request (from metered API-hosted calls).\n\nExamples:\n  shipgate cost\n  shipgate cost --since 7d --self-hosted-monthly 4162\n  shipgate cost --since 2026-01-01 --format json',
    )
    .action(
      action(ctx, async (opts: CostOptions) => {
        const now = Date.now();
        const since = parseSince(opts.since, now);
        const config = ctx.config();
        const [{ openConfiguredStore }, { costReport }, { formatCostText }] = await Promise.all([
          loadStore(),
          import('../../analytics/cost-report.js'),
          import('./cost-text.js'),
        ]);
        const store = await openConfiguredStore(config);
        try {
          const report = await costReport(store, config, {
            since,
            now,
            selfHostedMonthlyUsd: opts.selfHostedMonthly,
          });
          ctx.stdout.write(
            opts.format === 'json' ? `${JSON.stringify(report)}\n` : formatCostText(report),
          );
        } finally {
          await store.close();
        }
      }),
    );
}

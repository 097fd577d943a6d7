import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import type { CliContext } from '../context.js';
import { formatOption, positiveInt } from '../options.js';
import { renderTable } from '../table.js';

interface ContextOptions {
  file?: string;
  budget?: number;
  root?: string;
  format: 'text' | 'json';
}

const defaultBudget = 8000;

interface ContextReport {
  root: string;
  query: string;
  targetFile: string | null;
  budget: number;
  /** Tokens of the included items. */
  tokens: number;
  items: { kind: string; source: string; reason: string; tokens: number; included: boolean }[];
  index: { files: number; parsed: number; reused: number; durationMs: number } | undefined;
}

async function buildReport(
  ctx: CliContext,
  query: string,
  opts: ContextOptions,
): Promise<ContextReport> {
  const { chooseRoot } = await import('../../context/project-root.js');
  const { collectContext, resolveTargetPath, instructionsShare } =
    await import('../../context/collect-context.js');
  const { ContextIndexCache } = await import('../../context/context-index-cache.js');
  const file = opts.file ? resolve(ctx.cwd, opts.file) : undefined;
  const root = chooseRoot(ctx.cwd, opts.root, file ? dirname(file) : ctx.cwd);
  const budget = opts.budget ?? defaultBudget;
  const targetFile = resolveTargetPath(root, file);
  const index = new ContextIndexCache();
  try {
    const { items, stats } = await collectContext({
      root,
      query,
      targetFile,
      budget,
      instructionsCap: Math.floor(budget * instructionsShare),
      index,
      counter: index.tokenCounter,
    });
    const listed = items.map(({ kind, source, reason, tokens, included }) => ({
      kind,
      source,
      reason,
      tokens,
      included,
    }));
    return {
      root,
      query,
      targetFile: targetFile ?? null,
      budget,
      tokens: listed.filter((i) => i.included).reduce((sum, i) => sum + i.tokens, 0),
      items: listed,
      index: stats && {
        files: stats.files,
        parsed: stats.parsed,
        reused: stats.reused,
        durationMs: Math.round(stats.durationMs),
      },
    };
  } finally {
    index.dispose();
  }
}

function formatReport(report: ContextReport): string {
  const rows = report.items.map((i) => [
    i.included ? 'yes' : 'no',
    i.kind,
    i.tokens,
    i.source,
    i.reason,
  ]);
  const table =
    rows.length > 0
      ? renderTable(['included', 'kind', 'tokens', 'source', 'reason'], rows)
      : 'no context found\n';
  const stats = report.index ?? { files: 0, parsed: 0, reused: 0, durationMs: 0 };
  return `${table}${report.tokens} / ${report.budget} tokens included; index: ${stats.files} files (${stats.parsed} parsed, ${stats.reused} from cache) in ${stats.durationMs} ms\n`;
}

async function contextAction(ctx: CliContext, query: string, opts: ContextOptions): Promise<void> {
  if (query.trim() === '') {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'the query is empty; describe the change to find context for',
    );
  }
  const report = await buildReport(ctx, query, opts);
  ctx.stdout.write(opts.format === 'json' ? `${JSON.stringify(report)}\n` : formatReport(report));
}

/** `shipgate context "<query>"`: the repository context a prompt would get, and why. */
export function registerContextCommand(program: Command, ctx: CliContext): void {
  program
    .command('context')
    .addHelpText(
      'after',
      examples(
        'shipgate context "add retries to the HTTP client"',
        'shipgate context "rename the config loader" --file src/config/load.ts --budget 4000 --format json',
      ),
    )
    .description(
      'show the repository context a prompt would include for a query, and why (kind, source, reason, tokens)',
    )
    .argument('<query>', 'the spec or question to find context for')
    .option(
      '--file <path>',
      'the file being changed (adds its imports and the callers of what it defines)',
    )
    .option(
      '--budget <tokens>',
      `token budget for the context (default ${defaultBudget})`,
      positiveInt('--budget'),
    )
    .option(
      '--root <dir>',
      'project root (default: nearest ancestor with .shipgate, .git or package.json)',
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(action(ctx, (query: string, opts: ContextOptions) => contextAction(ctx, query, opts)));
}

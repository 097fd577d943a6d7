/** `shipgate eval`: A/B two prompt templates or two models on a problem set (pass@1, cost, latency, McNemar). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { Arm, EvalReport } from '../../eval/run-eval.js';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { loadRuntime } from '../lazy.js';
import { formatOption, positiveInt } from '../options.js';
import { renderTable } from '../table.js';

interface EvalOptions {
  template: string[];
  model: string[];
  problems: string;
  limit?: number;
  concurrency: number;
  format: 'text' | 'json';
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Two templates (one model at most) or two models (one template at most). */
export function armsOf(templates: string[], models: string[]): [Arm, Arm] {
  if (templates.length === 2 && models.length <= 1)
    return [
      { label: templates[0]!, template: templates[0], model: models[0] },
      { label: templates[1]!, template: templates[1], model: models[0] },
    ];
  if (models.length === 2 && templates.length <= 1)
    return [
      { label: models[0]!, model: models[0], template: templates[0] },
      { label: models[1]!, model: models[1], template: templates[0] },
    ];
  throw new ShipgateError(
    ErrorCode.BadRequest,
    'give exactly two arms: --template A --template B [--model M], or --model A --model B [--template T]',
  );
}

function toText(report: EvalReport): string {
  const rows = report.arms.map((a) => [
    a.arm.label,
    a.arm.template ?? '(default)',
    a.arm.model ?? '(route)',
    `${(a.passAt1 * 100).toFixed(1)}%`,
    `${a.passed}/${a.problems}`,
    a.errors,
    `$${a.costUsd.toFixed(6)}`,
    a.p50LatencyMs,
    a.p95LatencyMs,
  ]);
  const c = report.comparison;
  const verdict = c.significant
    ? `significant at ${c.alpha}: ${c.better} is better`
    : `not significant at ${c.alpha}`;
  return (
    renderTable(
      ['arm', 'template', 'model', 'pass@1', 'passed', 'errors', 'cost', 'p50 ms', 'p95 ms'],
      rows,
    ) +
    `McNemar exact: only ${report.arms[0].arm.label} passed ${c.aOnly}, only ${report.arms[1].arm.label} passed ${c.bOnly}, p = ${c.pValue} — ${verdict}\n`
  );
}

async function runEvalCommand(ctx: CliContext, opts: EvalOptions): Promise<number> {
  const arms = armsOf(opts.template, opts.model);
  const [{ createRuntime }, { loadProblems }, { runEval }, { renderPrompt }, { createSandbox }] =
    await Promise.all([
      loadRuntime(),
      import('../../eval/problems.js'),
      import('../../eval/run-eval.js'),
      import('../../templates/render.js'),
      import('../../sandbox/index.js'),
    ]);
  const { ContextIndexCache } = await import('../../context/context-index-cache.js');
  const index = new ContextIndexCache(); // one index and tokenizer for every problem
  const problems = (await loadProblems(resolve(ctx.cwd, opts.problems))).slice(0, opts.limit);
  const runtime = await createRuntime(ctx.config());
  try {
    const sandbox = createSandbox();
    const report = await runEval(
      {
        generate: (request) => runtime.gateway.generate({ ...request, caller: 'eval' }),
        render: async (arm, spec) =>
          (await renderPrompt({ root: ctx.cwd, spec, template: arm.template }, { index })).messages,
        sandbox: (options) => sandbox.run(options),
        concurrency: opts.concurrency,
      },
      arms,
      problems,
    );
    ctx.stdout.write(opts.format === 'json' ? `${JSON.stringify(report)}\n` : toText(report));
    return 0;
  } finally {
    await runtime.close();
  }
}

export function registerEvalCommand(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('A/B two prompt templates or two models: pass@1, cost, latency, significance')
    .option('--template <name>', 'a template arm (give two, or one with two --model)', collect, [])
    .option('--model <alias>', 'a model arm (give two, or one with two --template)', collect, [])
    .requiredOption(
      '--problems <file>',
      'problem set: HumanEval-X JSONL (task_id, prompt, entry_point, test)',
    )
    .option('--limit <n>', 'first N problems only', positiveInt('--limit'))
    .option('--concurrency <n>', 'problems in flight per arm', positiveInt('--concurrency'), 2)
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .addHelpText(
      'after',
      '\nOne model call per problem and arm (pass@1), judged in the sandbox; McNemar exact test on the pairs.\n\nExamples:\n  shipgate eval --template function --template function-strict --problems ../shared/bench-data/humaneval-x-js-dev/problems.jsonl\n  shipgate eval --model gpt-4o-mini --model qwen --template function --problems problems.jsonl --limit 40 --format json',
    )
    .action(action(ctx, (opts: EvalOptions) => runEvalCommand(ctx, opts)));
}

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ErrorCode, ExitCode, ShipgateError } from '../../errors.js';
import { findProjectRoot } from '../../gates/source-files.js';
import { noProviderError } from '../../gateway/registry.js';
import { buildGenerateRequest } from '../../generate/build-request.js';
import { formatResultText, progressLine } from '../../generate/format-text.js';
import type { GenerateRequest, GenerateResult, ProgressEvent } from '../../generate/types.js';
import type { WrittenFile } from '../../generate/write-files.js';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { loadRuntime } from '../lazy.js';
import { formatOption, positiveInt } from '../options.js';

interface GenerateOptions {
  out?: string;
  template?: string;
  var: string[];
  model?: string;
  maxAttempts?: number;
  maxCostUsd?: number;
  maxTokens?: number;
  withTests?: boolean;
  writeAnyway?: boolean;
  root?: string;
  format: 'text' | 'json';
}

function collectVar(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function dollars(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 10_000)
    throw new InvalidArgumentError('--max-cost-usd must be a number of dollars above 0.');
  return n;
}

/** `--var name=value` pairs → variables; a malformed pair is a usage error. */
export function parseVariables(pairs: string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][\w.-]*$/.test(name))
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `--var ${pair}: expected name=value with a name of letters, digits and _ (e.g. --var name=parseDuration)`,
      );
    variables[name] = pair.slice(eq + 1);
  }
  return variables;
}

function resolveRoot(ctx: CliContext, explicit: string | undefined): string {
  if (!explicit) return findProjectRoot(ctx.cwd) ?? ctx.cwd;
  const root = resolve(ctx.cwd, explicit);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new ShipgateError(ErrorCode.BadRequest, `--root ${explicit} is not a directory`);
  return root;
}

function progressWriter(ctx: CliContext): (event: ProgressEvent) => void {
  if (!ctx.stderr.isTTY) return () => {};
  return (event) => {
    const line = progressLine(event);
    if (line === null) return;
    const final = event.type === 'attempt-done';
    ctx.stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
  };
}

async function buildRequest(
  ctx: CliContext,
  spec: string,
  opts: GenerateOptions,
): Promise<GenerateRequest> {
  if (!spec.trim())
    throw new ShipgateError(ErrorCode.BadRequest, 'the spec is empty: say what code to generate');
  const root = resolveRoot(ctx, opts.root);
  const variables = parseVariables(opts.var);
  let targetFile: string | undefined;
  if (opts.out) {
    const { resolveInside } = await import('../../generate/write-files.js');
    targetFile = await resolveInside(root, resolve(ctx.cwd, opts.out));
  }
  return buildGenerateRequest(
    ctx.config().generate,
    {
      spec,
      template: opts.template,
      variables,
      model: opts.model,
      targetFile,
      maxAttempts: opts.maxAttempts,
      maxCostUsd: opts.maxCostUsd,
      maxTokens: opts.maxTokens,
      withTests: opts.withTests,
    },
    { root, caller: 'cli', signal: ctx.signal },
  );
}

async function runGenerate(ctx: CliContext, request: GenerateRequest): Promise<GenerateResult> {
  const config = ctx.config();
  const [{ createRuntime }, { createValidator }, { runGeneration }] = await Promise.all([
    loadRuntime(),
    import('../../gates/pipeline.js'),
    import('../../generate/run-generation.js'),
  ]);
  const runtime = await createRuntime(config);
  try {
    const deps = {
      gateway: runtime.gateway,
      registry: runtime.gateway.registry,
      // The user's own project on their own machine, as with `shipgate validate`: its lint
      // config and test runner apply. The server's /api/generate validates as untrusted.
      validator: createValidator({ trust: 'project' }),
      gatesConfig: config.gates,
    };
    const result = await runGeneration(request, deps, progressWriter(ctx));
    // analytics (first-try vs repaired, hallucination proxy) counts CLI runs too
    const { generateRecorder } = await import('../../analytics/record-generate.js');
    await generateRecorder(runtime.store.db, (error) =>
      ctx.stderr.write(`warning: analytics run not recorded: ${String(error)}\n`),
    )(result, { caller: 'cli', model: request.model });
    return result;
  } finally {
    await runtime.close();
  }
}

async function generate(ctx: CliContext, spec: string, opts: GenerateOptions): Promise<number> {
  const request = await buildRequest(ctx, spec, opts);
  if (Object.keys(ctx.config().providers).length === 0) throw noProviderError();
  const result = await runGenerate(ctx, request);
  let written: WrittenFile[] | null = null;
  if (result.passed || opts.writeAnyway) {
    const { writeGeneratedFiles } = await import('../../generate/write-files.js');
    written = await writeGeneratedFiles(request.root, result.files);
  }
  if (opts.format === 'json') {
    ctx.stdout.write(
      `${JSON.stringify({ ...result, root: request.root, written: written ?? [] })}\n`,
    );
  } else {
    ctx.stdout.write(formatResultText(result, written, request.root));
  }
  return result.passed ? ExitCode.Ok : ExitCode.Failed;
}

export function registerGenerateCommand(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description(
      'generate code from a spec: render a template → model → gates → feed back findings → repair',
    )
    .argument('<spec>', 'what to build, in plain words')
    .option('-o, --out <file>', 'file for the generated code (inside the project root)')
    .option('-t, --template <name>', 'prompt template (default: chosen from the spec and target)')
    .option('--var <name=value>', 'template variable (repeatable)', collectVar, [])
    .option('-m, --model <alias>', 'model alias or id (default: the generate route)')
    .option(
      '--max-attempts <n>',
      'model calls at most, repairs included (default 3)',
      positiveInt('--max-attempts'),
    )
    .option('--max-cost-usd <usd>', 'stop repairing before spending more than this', dollars)
    .option(
      '--max-tokens <n>',
      'stop before using more tokens than this (all attempts)',
      positiveInt('--max-tokens'),
    )
    .option('--with-tests', 'ask for tests too and run them in the sandbox')
    .option('--write-anyway', 'write the last attempt’s files even if they did not pass')
    .option(
      '--root <dir>',
      'project root (default: nearest ancestor with package.json or tsconfig.json)',
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .addHelpText(
      'after',
      '\nExit codes: 0 passed (files written), 1 did not pass (nothing written), 2 usage or configuration error.\n\nExamples:\n  shipgate generate "parse a duration like 1h30m into milliseconds" --out src/duration.ts\n  shipgate generate "slugify a title" --out src/slug.ts --with-tests --max-attempts 4\n  shipgate generate "an LRU cache class" --out src/lru.ts --format json',
    )
    .action(action(ctx, (spec: string, opts: GenerateOptions) => generate(ctx, spec, opts)));
}

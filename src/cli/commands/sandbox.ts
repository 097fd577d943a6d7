import { open, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ErrorCode, ExitCode, ShipgateError } from '../../errors.js';
import type { SandboxLanguage, SandboxModuleKind, SandboxResult } from '../../sandbox/index.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import { loadSandbox } from '../lazy.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';

const extensions: Record<string, { language: SandboxLanguage; module: SandboxModuleKind }> = {
  '.js': { language: 'js', module: 'auto' },
  '.mjs': { language: 'js', module: 'esm' },
  '.cjs': { language: 'js', module: 'commonjs' },
  '.ts': { language: 'ts', module: 'auto' },
  '.mts': { language: 'ts', module: 'esm' },
  '.cts': { language: 'ts', module: 'commonjs' },
};

const maxSourceBytes = 5 * 1024 * 1024;

function boundedInt(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${name} must be a whole number from ${min} to ${max} (got "${value}").`,
      );
    }
    return n;
  };
}

function usage(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.BadRequest, message);
}

/** Reads the program, refusing what cannot be one: missing, a directory, too big, binary. */
async function readProgram(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw usage(`${path}: no such file; pass the path of a .js or .ts program.`);
  if (!info.isFile())
    throw usage(`${path} is not a regular file; pass the path of a .js or .ts program.`);
  if (info.size > maxSourceBytes)
    throw usage(`${path} is larger than ${maxSourceBytes / 1024 / 1024} MB.`);
  const handle = await open(path, 'r');
  try {
    const bytes = await handle.readFile();
    if (bytes.includes(0))
      throw usage(
        `${path} looks binary (contains NUL bytes); pass a JavaScript or TypeScript source file.`,
      );
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}

function tail(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

function printText(ctx: CliContext, result: SandboxResult, isolation: string): void {
  const reason = result.reason ? ` — ${result.reason}` : '';
  ctx.stdout.write(
    `${result.verdict} (${Math.round(result.durationMs)} ms, exit ${result.exitCode ?? 'none'})${reason}\n`,
  );
  if (result.failedAssertions > 0)
    ctx.stdout.write(`failed assertions: ${result.failedAssertions}\n`);
  for (const [name, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    if (text.trim()) ctx.stdout.write(`--- ${name} (tail) ---\n${tail(text, 20)}\n`);
  }
  ctx.stdout.write(`isolation: ${isolation}\n`);
}

export function registerSandboxCommand(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .addHelpText(
      'after',
      examples(
        'shipgate sandbox solution.test.js',
        'shipgate sandbox --timeout 2000 --memory 128 --format json program.ts',
      ),
    )
    .description(
      'run a JS/TS program jailed: no network, no processes, fs limited to a temp dir (docs/sandbox.md)',
    )
    .argument('<file>', 'program to run (.js, .mjs, .cjs, .ts, .mts, .cts)')
    .addOption(
      new Option('--timeout <ms>', 'wall-clock limit in milliseconds')
        .argParser(boundedInt('--timeout', 1, 600_000))
        .default(5000),
    )
    .addOption(
      new Option('--memory <mb>', 'heap limit in megabytes')
        .argParser(boundedInt('--memory', 16, 16_384))
        .default(256),
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(
        ctx,
        async (
          file: string,
          opts: { timeout: number; memory: number; format: 'text' | 'json' },
        ) => {
          const path = resolve(ctx.cwd, file);
          const kind = extensions[extname(path).toLowerCase()];
          if (!kind)
            throw usage(
              `${file}: unsupported extension; use one of ${Object.keys(extensions).join(', ')}.`,
            );
          const code = await readProgram(path);
          const { createSandbox, describeIsolation, toContractResult } = await loadSandbox();
          const sandbox = createSandbox({ pathVariable: ctx.env.PATH });
          const result = await sandbox.run({
            code,
            language: kind.language,
            module: kind.module,
            timeoutMs: opts.timeout,
            memoryMb: opts.memory,
            signal: ctx.signal,
          });
          if (opts.format === 'json')
            ctx.stdout.write(`${JSON.stringify(toContractResult(result))}\n`);
          else printText(ctx, result, describeIsolation(await sandbox.isolation()));
          return result.verdict === 'pass' ? ExitCode.Ok : ExitCode.Failed;
        },
      ),
    );
}

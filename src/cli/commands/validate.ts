import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ErrorCode, ExitCode, ShipgateError } from '../../errors.js';
import { reportFormats, type ReportFormat } from '../../gates/report/index.js';
import { collectSourceFiles, findProjectRoot } from '../../gates/source-files.js';
import type { SourceFile } from '../../gates/types.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';
import { readProcessStdin, type ReadStdin } from './text-input.js';

interface ValidateOptions {
  gates?: string;
  root?: string;
  stdinFilename: string;
  format: ReportFormat;
}

/** `-` among the paths: the file read from stdin, named by --stdin-filename (its extension picks the gates). */
async function stdinFile(ctx: CliContext, name: string, readStdin: ReadStdin): Promise<SourceFile> {
  const bytes = await readStdin();
  if (bytes.includes(0))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'stdin looks binary (it contains NUL bytes); pipe source text',
    );
  return { path: resolve(ctx.cwd, name), content: bytes.toString('utf8') };
}

function parseGateList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      '--gates needs at least one gate name, e.g. --gates typecheck,lint',
    );
  return names;
}

/** Files and directories from disk, plus the stdin file when `-` is among the paths. */
async function readInputs(
  ctx: CliContext,
  paths: string[],
  stdinFilename: string,
  readStdin: ReadStdin,
  include: (path: string) => boolean,
): Promise<SourceFile[]> {
  const onDisk = paths.filter((p) => p !== '-');
  const files = await collectSourceFiles(onDisk, { cwd: ctx.cwd, include });
  if (onDisk.length < paths.length) files.push(await stdinFile(ctx, stdinFilename, readStdin));
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** --root, else the nearest ancestor of the first path with package.json/tsconfig.json, else cwd. */
function resolveRoot(ctx: CliContext, paths: string[], explicit: string | undefined): string {
  if (explicit) {
    const root = resolve(ctx.cwd, explicit);
    if (!isDirectory(root))
      throw new ShipgateError(ErrorCode.BadRequest, `--root ${explicit} is not a directory`);
    return root;
  }
  const first = resolve(ctx.cwd, paths.find((p) => p !== '-') ?? '.');
  return findProjectRoot(isDirectory(first) ? first : dirname(first)) ?? ctx.cwd;
}

function progress(ctx: CliContext, text: string | null): void {
  if (!ctx.stderr.isTTY) return;
  ctx.stderr.write(text === null ? '\r\x1b[K' : `\r\x1b[K${text}`);
}

export function registerValidateCommand(
  program: Command,
  ctx: CliContext,
  readStdin: ReadStdin = readProcessStdin,
): void {
  program
    .command('validate')
    .addHelpText(
      'after',
      examples(
        'shipgate validate src/',
        'shipgate validate --gates typecheck,security src/api.ts src/db.ts',
        'shipgate validate --format sarif src/ > shipgate.sarif',
        'cat generated.ts | shipgate validate - --stdin-filename src/generated.ts',
      ),
    )
    .description(
      'run quality gates (typecheck, lint, security, secrets, complexity, patterns, tests) on files',
    )
    .argument(
      '<paths...>',
      'files or directories (directories are walked as git lists them), or - for stdin',
    )
    .option(
      '--gates <names>',
      'comma-separated gates to run (default: every gate enabled in config)',
    )
    .option(
      '--root <dir>',
      'project root (default: nearest ancestor with package.json or tsconfig.json)',
    )
    .option(
      '--stdin-filename <path>',
      'name (and so language) of the file read from stdin with -',
      'stdin.ts',
    )
    .addOption(formatOption(reportFormats, 'text'))
    .action(
      action(ctx, async (paths: string[], opts: ValidateOptions) => {
        const gates = parseGateList(opts.gates);
        const root = resolveRoot(ctx, paths, opts.root);
        const config = ctx.config().gates;
        // Cold start: the typecheck worker starts building the project's program (libs,
        // @types) first, while the other gates load — it is the longest path.
        const { createTypecheckGate } = await import('../../gates/typecheck.js');
        const typecheck = createTypecheckGate();
        if (!gates || gates.includes('typecheck')) typecheck.prewarm?.(root, 'project');
        // Loaded on use: TypeScript and ESLint are heavy, and other commands never need them.
        const { assertKnownGates, createValidator, displayPath } =
          await import('../../gates/pipeline.js');
        const { renderReport } = await import('../../gates/report/index.js');
        const validator = createValidator({ typecheck, trust: 'project' });
        let files: SourceFile[] = [];
        let report: Awaited<ReturnType<typeof validator.validate>>;
        try {
          if (gates) assertKnownGates(validator.gateNames, gates);
          progress(ctx, 'shipgate: reading files…');
          files = await readInputs(ctx, paths, opts.stdinFilename, readStdin, (path) =>
            validator.appliesTo(path, gates),
          );
          progress(
            ctx,
            `shipgate: validating ${files.length} file${files.length === 1 ? '' : 's'}…`,
          );
          report = await validator.validate({ root, files, gates, config }, ctx.signal);
        } finally {
          progress(ctx, null);
          void validator.close(); // the typecheck worker: nothing may outlive the command
        }
        const sources = new Map(files.map((file) => [displayPath(root, file.path), file.content]));
        const output = renderReport(opts.format, report, {
          root,
          toolVersion: program.version() ?? '0.0.0',
          color: ctx.stdout.isTTY && !ctx.env.NO_COLOR,
          source: (file) => sources.get(file),
        });
        ctx.stdout.write(output);
        return report.passed ? ExitCode.Ok : ExitCode.Failed;
      }),
    );
}

import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { loadRuntime } from '../lazy.js';
import { formatOption, positiveInt } from '../options.js';

interface CompleteOptions {
  file: string;
  line: number;
  column: number;
  model?: string;
  maxTokens?: number;
  multiline?: boolean;
  context: boolean;
  format: 'text' | 'json';
}

const languageByExtension: Readonly<Record<string, string>> = {
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.jsx': 'javascriptreact',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.py': 'python',
  '.go': 'go',
  '.rs': 'rust',
  '.java': 'java',
  '.rb': 'ruby',
  '.sh': 'shellscript',
  '.lua': 'lua',
  '.c': 'c',
  '.cpp': 'cpp',
  '.cs': 'csharp',
};

/** Character offset of 1-based line/column; a usage error naming the file's size otherwise. */
export function offsetOf(text: string, line: number, column: number, file: string): number {
  const lines = text.split('\n');
  const target = lines[line - 1];
  if (target === undefined)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `--line ${line} is past the end of ${file} (${lines.length} lines)`,
    );
  if (column > target.length + 1)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `--column ${column} is past the end of line ${line} of ${file} (${target.length} characters; the last column is ${target.length + 1})`,
    );
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
}

async function readSource(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new ShipgateError(ErrorCode.BadRequest, `cannot read --file ${shown}`, { cause });
  }
}

async function snippetsFor(ctx: CliContext, path: string) {
  const { chooseRoot } = await import('../../context/project-root.js');
  const { ContextIndexCache } = await import('../../context/context-index-cache.js');
  const { importSnippets } = await import('../../complete/import-snippets.js');
  const root = chooseRoot(ctx.cwd, undefined, dirname(path));
  const index = new ContextIndexCache();
  try {
    const file = relative(root, path).split('\\').join('/');
    return { file, snippets: await importSnippets(index, root, file) };
  } finally {
    index.dispose();
  }
}

async function complete(ctx: CliContext, opts: CompleteOptions): Promise<number> {
  const path = resolve(ctx.cwd, opts.file);
  const text = await readSource(path, opts.file);
  const at = offsetOf(text, opts.line, opts.column, opts.file);
  const near = opts.context ? await snippetsFor(ctx, path) : undefined;
  const { createRuntime } = await loadRuntime();
  const runtime = await createRuntime(ctx.config());
  try {
    const { createCompleteService } = await import('../../complete/index.js');
    const service = createCompleteService(runtime);
    const result = await service.complete(
      {
        prefix: text.slice(0, at),
        suffix: text.slice(at),
        file: near?.file ?? relative(ctx.cwd, path).split('\\').join('/'),
        language: languageByExtension[extname(path)],
        model: opts.model,
        maxTokens: opts.maxTokens,
        multiline: opts.multiline,
        snippets: near?.snippets,
      },
      { signal: ctx.signal, caller: 'cli' },
    );
    ctx.stdout.write(
      opts.format === 'json' ? `${JSON.stringify(result)}\n` : `${result.completion}\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}

/** `shipgate complete --file F --line L --column C`: one FIM completion at a position in a file. */
export function registerCompleteCommand(program: Command, ctx: CliContext): void {
  program
    .command('complete')
    .description('one fill-in-the-middle completion at a position in a file (what an editor asks)')
    .requiredOption('--file <path>', 'the source file')
    .requiredOption('--line <n>', 'cursor line, 1-based', positiveInt('--line'))
    .requiredOption('--column <n>', 'cursor column, 1-based', positiveInt('--column'))
    .option(
      '-m, --model <alias>',
      'model alias (default: routing.tasks.complete, or the first FIM model)',
    )
    .option('--max-tokens <n>', 'longest completion in tokens', positiveInt('--max-tokens'))
    .option('--multiline', 'ask for a block (default: decided from the cursor position)')
    .option('--single-line', 'ask for the rest of the line only')
    .option('--no-context', 'do not add the signatures of what the file imports')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate complete --file src/cart.ts --line 12 --column 5\n  shipgate complete --file app.py --line 3 --column 1 --multiline --format json\n  shipgate complete --file src/a.ts --line 8 --column 20 --model coder --no-context',
    )
    .action(
      action(ctx, (opts: CompleteOptions & { singleLine?: boolean }) => {
        if (opts.multiline && opts.singleLine)
          throw new ShipgateError(
            ErrorCode.BadRequest,
            'use --multiline or --single-line, not both',
          );
        const multiline = opts.multiline ? true : opts.singleLine ? false : undefined;
        return complete(ctx, { ...opts, multiline });
      }),
    );
}

import type { Command } from 'commander';
import { extractCodeBlocks, type ExtractedBlock } from '../../extract/extract.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';
import { readProcessStdin, readTextInput, type ReadStdin } from './text-input.js';

function header(block: ExtractedBlock): string {
  const parts = [
    `language=${block.language ?? 'none'}`,
    ...(block.path ? [`path=${block.path}`] : []),
    `line=${block.startLine}`,
    block.closed ? 'closed' : 'unclosed',
  ];
  return `--- block ${parts.join(' ')}`;
}

/** Text format: each block preceded by one header line; nothing at all when there are no blocks. */
export function formatBlocksAsText(blocks: ExtractedBlock[]): string {
  return blocks
    .map((block) => {
      const code = block.code === '' || block.code.endsWith('\n') ? block.code : `${block.code}\n`;
      return `${header(block)}\n${code}`;
    })
    .join('');
}

/** `shipgate extract [--format text|json] <file|->`: code blocks of an LLM reply. Exit 0 for any valid input. */
export function registerExtractCommand(
  program: Command,
  ctx: CliContext,
  readStdin: ReadStdin = readProcessStdin,
): void {
  program
    .command('extract')
    .addHelpText(
      'after',
      examples(
        'shipgate extract reply.md',
        'shipgate ask "write a slugify function" | shipgate extract --format json -',
      ),
    )
    .description('print the fenced code blocks of an LLM reply (a file, or - for stdin)')
    .argument('<file>', 'Markdown reply to read, or - for stdin')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, async (file: string, opts: { format: 'text' | 'json' }) => {
        const text = await readTextInput(file, ctx.cwd, readStdin);
        const blocks = extractCodeBlocks(text);
        if (opts.format === 'json') {
          ctx.stdout.write(`${JSON.stringify({ blocks })}\n`);
          return;
        }
        ctx.stdout.write(formatBlocksAsText(blocks));
      }),
    );
}

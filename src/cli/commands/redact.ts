import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { RedactionVault } from '../../secrets/redact.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import { loadRedaction } from '../lazy.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';
import { readProcessStdin, readTextInput, type ReadStdin } from './text-input.js';

interface RedactOpts {
  format: 'text' | 'json';
  vaultOut?: string;
  restore?: string;
}

async function loadVault(file: string, cwd: string): Promise<RedactionVault> {
  const raw = await readFile(resolve(cwd, file), 'utf8').catch((cause: unknown) => {
    throw new ShipgateError(ErrorCode.BadRequest, `cannot read vault "${file}": no such file`, {
      cause,
    });
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new ShipgateError(ErrorCode.BadRequest, `vault "${file}" is not JSON`, { cause });
  }
  const { redactionVaultSchema } = await loadRedaction();
  const vault = redactionVaultSchema.safeParse(parsed);
  if (!vault.success) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `vault "${file}" is not a shipgate vault (expected {"version":1,"entries":{...}} from --vault-out)`,
    );
  }
  return vault.data;
}

async function runRestore(ctx: CliContext, text: string, opts: RedactOpts & { restore: string }) {
  const vault = await loadVault(opts.restore, ctx.cwd);
  const { countPlaceholders, restore } = await loadRedaction();
  const replaced = countPlaceholders(text, vault);
  const restored = restore(text, vault);
  if (opts.format === 'json') {
    ctx.stdout.write(`${JSON.stringify({ restored, replaced })}\n`);
    return;
  }
  ctx.stdout.write(restored);
  ctx.stderr.write(`${replaced} placeholder${replaced === 1 ? '' : 's'} restored\n`);
}

async function runRedact(ctx: CliContext, text: string, opts: RedactOpts) {
  const { redact } = await loadRedaction();
  const { redacted, findings, vault } = await redact(text);
  if (opts.vaultOut) {
    // The vault holds the secrets in clear: owner-only permissions.
    await writeFile(resolve(ctx.cwd, opts.vaultOut), `${JSON.stringify(vault, null, 2)}\n`, {
      mode: 0o600,
    });
  }
  if (opts.format === 'json') {
    ctx.stdout.write(`${JSON.stringify({ redacted, findings })}\n`);
    return;
  }
  ctx.stdout.write(redacted);
  const n = findings.length;
  ctx.stderr.write(`${n} secret${n === 1 ? '' : 's'} redacted\n`);
}

/**
 * `shipgate redact [--format text|json] [--vault-out FILE] <file|->` masks secrets;
 * `shipgate redact --restore VAULT <file|->` puts them back. A filter: exit 0 either way.
 */
export function registerRedactCommand(
  program: Command,
  ctx: CliContext,
  readStdin: ReadStdin = readProcessStdin,
): void {
  program
    .command('redact')
    .addHelpText(
      'after',
      examples(
        'shipgate redact .env.example',
        'cat prompt.txt | shipgate redact --vault-out vault.json - > safe.txt',
        'shipgate redact --restore vault.json reply.txt',
      ),
    )
    .description('mask secrets in a file or stdin (-) with [REDACTED:<rule>:<n>] placeholders')
    .argument('<file>', 'text to read, or - for stdin')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .option('--vault-out <file>', 'save the placeholder → secret mapping (JSON, mode 600)')
    .option('--restore <vault>', 'restore placeholders using a vault saved with --vault-out')
    .action(
      action(ctx, async (file: string, opts: RedactOpts) => {
        if (opts.restore && opts.vaultOut) {
          throw new ShipgateError(
            ErrorCode.BadRequest,
            'use either --restore or --vault-out, not both',
          );
        }
        const text = await readTextInput(file, ctx.cwd, readStdin);
        if (opts.restore) await runRestore(ctx, text, { ...opts, restore: opts.restore });
        else await runRedact(ctx, text, opts);
      }),
    );
}

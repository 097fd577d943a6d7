/** `shipgate audit verify`: checks the audit log's hash chain (exit 0 intact, 1 tampered). */
import type { Command } from 'commander';
import type { VerifyResult } from '../../audit/verify-chain.js';
import { ExitCode } from '../../errors.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import { loadAuditLog, loadStore } from '../lazy.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';

function verifyText(result: VerifyResult): string {
  const head =
    result.headSeq === undefined ? '' : ` (head: entry ${result.headSeq}, hash ${result.headHash})`;
  if (result.ok) {
    return result.checked === 0
      ? 'audit log is empty: nothing to verify\n'
      : `audit log intact: ${result.checked} entries verified${head}\n`;
  }
  return (
    `audit log TAMPERED at entry ${result.firstBadSeq}: ${result.reason}\n` +
    `entries before it verified: ${result.checked - 1}${head}\n`
  );
}

export function registerAuditCommand(program: Command, ctx: CliContext): void {
  const audit = program
    .command('audit')
    .description('the hash-chained audit log')
    .addHelpText('after', examples('shipgate audit verify'));

  audit
    .command('verify')
    .addHelpText('after', examples('shipgate audit verify', 'shipgate audit verify --format json'))
    .description(
      'recompute the hash chain; exit 1 and name the first bad entry if it was tampered with',
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, async (opts: { format: 'text' | 'json' }) => {
        const [{ openConfiguredStore }, { createAuditLog }] = await Promise.all([
          loadStore(),
          loadAuditLog(),
        ]);
        const store = await openConfiguredStore(ctx.config());
        let result: VerifyResult;
        try {
          result = await createAuditLog({ store, includePrompts: false }).verify();
        } finally {
          await store.close();
        }
        ctx.stdout.write(
          opts.format === 'json' ? `${JSON.stringify(result)}\n` : verifyText(result),
        );
        return result.ok ? ExitCode.Ok : ExitCode.Failed;
      }),
    );
}

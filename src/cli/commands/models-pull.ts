import { join } from 'node:path';
import type { Command } from 'commander';
import { action } from '../action.js';
import type { CliContext, Output } from '../context.js';
import { formatOption } from '../options.js';

interface PullOpts {
  sha256?: string;
  as?: string;
  format: 'text' | 'json';
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** A bar redrawn in place on a terminal (≤ 10 times a second); quarter marks otherwise. */
export function progressReporter(out: Output): (received: number, total: number | null) => void {
  let last = 0;
  let quarter = 0;
  return (received, total) => {
    const now = Date.now();
    const share = total ? received / total : null;
    if (!out.isTTY) {
      const q = share === null ? 0 : Math.floor(share * 4);
      if (q > quarter) out.write(`${q * 25}% (${mb(received)})\n`);
      quarter = Math.max(quarter, q);
      return;
    }
    if (now - last < 100 && share !== 1) return;
    last = now;
    const width = 30;
    const filled = share === null ? 0 : Math.round(share * width);
    const pct = share === null ? '' : ` ${(share * 100).toFixed(0)}%`;
    const of = total ? `/${mb(total)}` : '';
    out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${pct} ${mb(received)}${of}`);
  };
}

/** `shipgate models pull <url> [--sha256 HEX] [--as ALIAS]` */
export function registerModelsPull(models: Command, ctx: CliContext): void {
  models
    .command('pull <url>')
    .description('download a model file (GGUF) into $SHIPGATE_HOME/models: resumable, checksummed')
    .option('--sha256 <hex>', 'expected sha256 of the file; a mismatch deletes it (exit 1)')
    .option('--as <alias>', 'save as <alias>.gguf and print the config that serves it')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate models pull https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-GGUF/resolve/main/qwen2.5-coder-1.5b-q8_0.gguf --as coder\n  shipgate models pull https://example.com/m.gguf --sha256 3f2a…e9 --format json\n\nAn interrupted pull resumes where it stopped when run again.',
    )
    .action(
      action(ctx, async (url: string, opts: PullOpts) => {
        const { pullModel } = await import('../../complete/model-pull.js');
        const result = await pullModel({
          url,
          dir: join(ctx.config().home, 'models'),
          sha256: opts.sha256,
          as: opts.as,
          signal: ctx.signal,
          onProgress: progressReporter(ctx.stderr),
        });
        if (ctx.stderr.isTTY) ctx.stderr.write('\n');
        if (opts.format === 'json') return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
        ctx.stdout.write(`${result.path} (${mb(result.bytes)}, sha256 ${result.sha256})\n`);
        if (opts.as)
          ctx.stdout.write(
            `\nServe it with:\n  providers:\n    local: { kind: embedded }\n  models:\n    ${opts.as}: { provider: local, model: ${opts.as}, path: ${result.path} }\n`,
          );
      }),
    );
}

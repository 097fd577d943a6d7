import type { Command } from 'commander';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { loadRuntime } from '../lazy.js';
import { positiveInt } from '../options.js';

interface LspOptions {
  stdio?: boolean;
  server?: string;
  model?: string;
  debounce?: number;
}

/**
 * Serves LSP on stdin/stdout until the editor sends `exit` (or stdin closes). With
 * --server it asks a running shipgate (SHIPGATE_API_KEY as its key); otherwise it
 * runs the completion service in this process, on the config's providers.
 */
async function runLsp(ctx: CliContext, opts: LspOptions): Promise<number> {
  const { createConnection, StreamMessageReader, StreamMessageWriter } =
    await import('vscode-languageserver/node');
  const { startLspServer } = await import('../../complete/lsp/lsp-server.js');
  const { httpClient, inProcessClient } = await import('../../complete/lsp/completion-client.js');
  const config = ctx.config();
  const runtime = opts.server ? null : await (await loadRuntime()).createRuntime(config);
  try {
    const client = runtime
      ? inProcessClient(
          (await import('../../complete/index.js')).createCompleteService(runtime, (error) =>
            ctx.stderr.write(`completion log: ${String(error)}\n`),
          ),
        )
      : httpClient(opts.server as string, ctx.env.SHIPGATE_API_KEY);
    const connection = createConnection(
      new StreamMessageReader(process.stdin),
      new StreamMessageWriter(process.stdout),
    );
    const closed = new Promise<void>((resolve) => {
      connection.onExit(() => resolve());
      process.stdin.once('end', () => resolve());
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    startLspServer({
      connection,
      client,
      debounceMs: opts.debounce ?? config.complete.debounceMs,
      model: opts.model,
      log: (message) => ctx.stderr.write(`${message}\n`),
    });
    await closed;
    connection.dispose();
    return 0;
  } finally {
    await runtime?.close();
  }
}

export function registerLspCommand(program: Command, ctx: CliContext): void {
  program
    .command('lsp')
    .description('language server for editors: inline completions (LSP 3.18) over stdio')
    .option('--stdio', 'talk LSP over stdin/stdout (the default and only transport)')
    .option('--server <url>', 'ask a running shipgate server instead of running the service here')
    .option(
      '-m, --model <alias>',
      'model alias (default: routing.tasks.complete, or the first FIM model)',
    )
    .option(
      '--debounce <ms>',
      'wait after a keystroke before asking (default complete.debounceMs)',
      positiveInt('--debounce'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate lsp --stdio\n  shipgate lsp --stdio --model coder\n  SHIPGATE_API_KEY=sg-… shipgate lsp --stdio --server http://gpu-box:8787\n\nEditor setups: docs/editors.md',
    )
    .action(action(ctx, (opts: LspOptions) => runLsp(ctx, opts)));
}

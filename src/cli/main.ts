import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ExitCode } from '../errors.js';
import { createCliContext, type CliContext, type CliContextOptions } from './context.js';
import { registerCommands } from './commands/index.js';

export const version = '0.1.0';

function buildProgram(ctx: CliContext): Command {
  const program = new Command('shipgate')
    .description(
      'Put AI code generation into production: gateway, generate-and-repair, gates, review, completions.',
    )
    .version(version)
    .option('-c, --config <file>', 'config file (default: ./shipgate.config.yaml if present)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .exitOverride();
  registerCommands(program, ctx);
  program.commands.forEach((command) => command.exitOverride());
  return program;
}

/** Runs the CLI in-process and returns the exit code (the bin sets process.exitCode). */
export async function runCli(argv: string[], options: CliContextOptions = {}): Promise<number> {
  const holder: { program?: Command } = {};
  const ctx = createCliContext(options, () => holder.program?.opts<{ config?: string }>().config);
  const program = buildProgram(ctx);
  holder.program = program;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      const helpShown = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        thrown.code,
      );
      return helpShown ? ExitCode.Ok : ExitCode.Usage;
    }
    if (thrown instanceof InvalidArgumentError) return ExitCode.Usage;
    throw thrown;
  }
  return ctx.exitCode;
}

/** Exit codes of a run cut short by a signal (128 + signal number, as shells report it). */
const signalExitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The `shipgate` binary: runs the CLI with its cancel signal wired to SIGINT/SIGTERM.
 * The first signal aborts the running command, which stops its children (each in its
 * own process group) and removes their temp folders before it returns; a second signal
 * exits at once (the exit hook still kills what is left). Returns the exit code.
 */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) process.exit(signalExitCodes[received] ?? 1);
    received = signal;
    controller.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const code = await runCli(argv, { signal: controller.signal });
    // A command that finished cleanly anyway (serve's graceful shutdown) keeps its own code.
    return received && code !== 0 ? (signalExitCodes[received] ?? code) : code;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

import type { Output } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A non-TTY output stream that keeps what is written (`text()`). */
export function captureOutput(): Output & { text: () => string } {
  const chunks: string[] = [];
  return { write: (t) => void chunks.push(t), isTTY: false, text: () => chunks.join('') };
}

/** Runs the CLI in-process with captured, non-TTY output streams. */
export async function runCliCaptured(
  argv: string[],
  env: Record<string, string>,
  cwd = env.SHIPGATE_HOME ?? process.cwd(),
): Promise<CliRun> {
  const stdout = captureOutput();
  const stderr = captureOutput();
  const code = await runCli(argv, { stdout, stderr, env, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

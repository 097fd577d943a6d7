import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured, non-TTY output streams. */
export async function runCliCaptured(
  argv: string[],
  env: Record<string, string>,
  cwd = env.SHIPGATE_HOME ?? process.cwd(),
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

import { spawn } from 'node:child_process';
import { killTrackedGroup, trackGroup } from './child-groups.js';
import { OutputTail } from './output-tail.js';
import { unshareArgs } from './isolation.js';
import type { SandboxIsolation } from './types.js';

/** Variables a trusted tool (a test runner) needs; everything else (keys, tokens) stays out. */
const passedThrough = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ'] as const;

export function minimalHostEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of passedThrough) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

export interface HostCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Run inside fresh user/net/pid namespaces when the host allows it (no network, no host pids). */
  isolation?: SandboxIsolation;
}

export interface HostCommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs a project tool (not jailed: it needs the project's files and may spawn workers)
 * with a minimal environment, in its own process group that is SIGKILLed on timeout or
 * abort, and without network when namespaces are available.
 */
export function runHostCommand(input: HostCommand): Promise<HostCommandResult> {
  const chain =
    input.isolation?.namespaces && input.isolation.unsharePath
      ? [input.isolation.unsharePath, ...unshareArgs, '--', input.command, ...input.args]
      : [input.command, ...input.args];
  const [command, ...args] = chain as [string, ...string[]];
  const stdout = new OutputTail(4 * 1024 * 1024);
  const stderr = new OutputTail(256 * 1024);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: input.cwd,
      env: input.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    trackGroup(child.pid);
    let timedOut = false;
    let aborted = false;
    const kill = (): void => killTrackedGroup(child.pid);
    const timer = setTimeout(() => ((timedOut = true), kill()), input.timeoutMs);
    const onAbort = (): void => ((aborted = true), kill());
    input.signal?.addEventListener('abort', onAbort, { once: true });
    if (input.signal?.aborted) onAbort();
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const finish = (
      exitCode: number | null,
      signal: NodeJS.Signals | null,
      error?: Error,
    ): void => {
      kill(); // workers the tool left behind in its group
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onAbort);
      const errText = error ? `${error.message}\n` : '';
      resolve({
        exitCode,
        signal,
        timedOut,
        aborted,
        stdout: stdout.text(),
        stderr: errText + stderr.text(),
      });
    };
    child.on('error', (error) => {
      if (child.pid === undefined) finish(null, null, error);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}

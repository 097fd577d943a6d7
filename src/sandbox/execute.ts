import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { killTrackedGroup, trackGroup } from './child-groups.js';
import type { LaunchPlan } from './launch.js';
import { OutputTail } from './output-tail.js';
import { ReportChannel } from './report-channel.js';
import type { RunFacts } from './verdict.js';

export interface ExecuteInput {
  plan: LaunchPlan;
  cwd: string;
  nonce: string;
  timeoutMs: number;
  memoryMb: number;
  signal?: AbortSignal;
  /** Bytes of stdout/stderr kept (the tail). */
  outputBytes?: number;
}

export interface Execution {
  facts: RunFacts;
  aborted: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
}

/** The child leads its own process group (detached): this kills unshare, node and anything in between. */
const killGroup = killTrackedGroup;

/**
 * Spawns the planned command with stdin ignored, stdout/stderr captured (bounded) and
 * the preload's report pipe on fd 3; SIGKILLs the whole process group when the
 * wall-clock timeout (started at spawn) fires or the signal aborts.
 */
export function execute(input: ExecuteInput): Promise<Execution> {
  const stdout = new OutputTail(input.outputBytes ?? 64 * 1024);
  const stderr = new OutputTail(input.outputBytes ?? 64 * 1024);
  const channel = new ReportChannel(input.nonce);
  return new Promise((resolve) => {
    const startedAt = performance.now();
    const child = spawn(input.plan.command, input.plan.args, {
      cwd: input.cwd,
      env: input.plan.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    trackGroup(child.pid);
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, input.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup(child.pid);
    };
    input.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (
      exitCode: number | null,
      signal: NodeJS.Signals | null,
      spawnError?: string,
    ): void => {
      if (settled) return;
      settled = true;
      // Whatever the program left behind in its group goes with it.
      killGroup(child.pid);
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onAbort);
      const durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
      const stderrText = stderr.text();
      resolve({
        facts: {
          timedOut,
          timeoutMs: input.timeoutMs,
          memoryMb: input.memoryMb,
          exitCode,
          signal,
          ...(spawnError === undefined ? {} : { spawnError }),
          report: channel.report,
          stderrTail: stderrText,
        },
        aborted,
        durationMs,
        stdout: stdout.text(),
        stderr: stderrText,
      });
    };
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    (child.stdio[3] as Readable | null)?.on('data', (chunk: Buffer) => channel.push(chunk));
    child.on('error', (error) => {
      if (child.pid === undefined) settle(null, null, error.message);
    });
    child.on('close', (code, signal) => settle(code, signal));
    if (input.signal?.aborted) onAbort();
  });
}

import { prepareProgram } from './prepare.js';
import { abortedError, runInJail } from './run-in-jail.js';
import type { SandboxOptions, SandboxResult } from './types.js';

export const defaultTimeoutMs = 5000;
export const defaultMemoryMb = 256;

/**
 * Runs one JS/TS program jailed (docs/sandbox.md): a fresh temp directory as the only
 * readable and writable place, no child processes, workers or network, a minimal
 * environment, a heap cap and a wall-clock timeout. Never throws for the program's
 * behaviour; rejects only when `signal` aborts.
 */
export async function runInSandbox(options: SandboxOptions): Promise<SandboxResult> {
  const startedAt = performance.now();
  if (options.signal?.aborted) throw abortedError();
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const memoryMb = options.memoryMb ?? defaultMemoryMb;
  const prepared = await prepareProgram(options.code, options.language, options.module);
  if (!prepared.ok) {
    const durationMs = Math.round(performance.now() - startedAt);
    return {
      verdict: 'fail',
      exitCode: null,
      durationMs,
      failedAssertions: 0,
      stdout: '',
      stderr: '',
      reason: prepared.reason,
    };
  }
  return runInJail({
    files: [{ path: prepared.filename, content: prepared.source }],
    entry: prepared.filename,
    timeoutMs,
    memoryMb,
    signal: options.signal,
    isolation: options.isolation,
  });
}

import { randomBytes } from 'node:crypto';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import { execute } from './execute.js';
import { detectIsolation } from './isolation.js';
import { planLaunch } from './launch.js';
import { preloadSource } from './preload-source.js';
import { prepareProgram } from './prepare.js';
import type { SandboxOptions, SandboxResult } from './types.js';
import { decideVerdict } from './verdict.js';

export const defaultTimeoutMs = 5000;
export const defaultMemoryMb = 256;

function abortedError(): ShipgateError {
  return new ShipgateError(ErrorCode.Aborted, 'The sandboxed run was cancelled.');
}

function infrastructureError(error: unknown, startedAt: number): SandboxResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    verdict: 'error',
    exitCode: null,
    durationMs: Math.round(performance.now() - startedAt),
    failedAssertions: 0,
    stdout: '',
    stderr: '',
    reason: `could not prepare the sandbox: ${message}`,
  };
}

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
  let jailDir: string;
  try {
    jailDir = await realpath(await mkdtemp(join(tmpdir(), 'shipgate-sbx-')));
  } catch (error) {
    return infrastructureError(error, startedAt);
  }
  try {
    const isolation = options.isolation ?? (await detectIsolation());
    const preloadPath = join(jailDir, 'preload.cjs');
    const mainPath = join(jailDir, prepared.filename);
    await Promise.all([
      writeFile(preloadPath, preloadSource()),
      writeFile(mainPath, prepared.source),
    ]);
    const nonce = randomBytes(16).toString('hex');
    const plan = planLaunch({ jailDir, preloadPath, mainPath, memoryMb, nonce, isolation });
    const run = await execute({
      plan,
      cwd: jailDir,
      nonce,
      timeoutMs,
      memoryMb,
      signal: options.signal,
    });
    if (run.aborted) throw abortedError();
    const decision = decideVerdict(run.facts);
    return {
      verdict: decision.verdict,
      exitCode: run.facts.exitCode,
      durationMs: run.durationMs,
      failedAssertions: decision.failedAssertions,
      stdout: run.stdout,
      stderr: run.stderr,
      ...(decision.reason === undefined ? {} : { reason: decision.reason }),
    };
  } catch (error) {
    if (error instanceof ShipgateError) throw error;
    return infrastructureError(error, startedAt);
  } finally {
    await rm(jailDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

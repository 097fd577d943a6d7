import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import { forgetTempDir, trackTempDir } from './child-groups.js';
import { execute } from './execute.js';
import { detectIsolation } from './isolation.js';
import { planLaunch } from './launch.js';
import { preloadSource } from './preload-source.js';
import type { SandboxIsolation, SandboxResult } from './types.js';
import { decideVerdict } from './verdict.js';

/** One file written into the jail, at a path relative to the jail directory. */
export interface JailFile {
  path: string;
  content: string;
}

export interface JailRun {
  /** Files to write into a fresh jail directory (relative paths, never climbing out). */
  files: JailFile[];
  /** The program to run: one of `files` (relative path). */
  entry: string;
  /** Extra node flags placed before the entry; `{jail}` is replaced by the jail directory. */
  nodeArgs?: string[];
  timeoutMs: number;
  memoryMb: number;
  signal?: AbortSignal;
  isolation?: SandboxIsolation;
}

export function abortedError(): ShipgateError {
  return new ShipgateError(ErrorCode.Aborted, 'The sandboxed run was cancelled.');
}

export function infrastructureError(error: unknown, startedAt: number): SandboxResult {
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

/** Joins a relative path under the jail, refusing anything that would land outside it. */
function inJail(jailDir: string, path: string): string {
  const target = resolve(jailDir, path);
  const rel = relative(jailDir, target);
  if (rel === '' || rel.startsWith('..') || resolve(jailDir, rel) !== target || path.includes('\0'))
    throw new ShipgateError(ErrorCode.BadRequest, `${path}: not a path inside the sandbox`);
  return target;
}

async function writeJail(jailDir: string, files: JailFile[]): Promise<void> {
  for (const file of files) {
    const target = inJail(jailDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

/**
 * Runs `entry` among `files` jailed (docs/sandbox.md): a fresh temp directory holding
 * only those files is the one readable and writable place; no child processes, workers
 * or network; a minimal environment, a heap cap and a wall-clock timeout. The directory
 * is removed afterwards, and also if this process exits first. Never throws for the
 * program's behaviour; rejects only when `signal` aborts.
 */
export async function runInJail(run: JailRun): Promise<SandboxResult> {
  const startedAt = performance.now();
  if (run.signal?.aborted) throw abortedError();
  let jailDir: string;
  try {
    jailDir = await realpath(await mkdtemp(join(tmpdir(), 'shipgate-sbx-')));
  } catch (error) {
    return infrastructureError(error, startedAt);
  }
  trackTempDir(jailDir);
  try {
    const isolation = run.isolation ?? (await detectIsolation());
    const preloadPath = join(jailDir, '.shipgate-preload.cjs');
    await writeJail(jailDir, run.files);
    await writeFile(preloadPath, preloadSource());
    const nonce = randomBytes(16).toString('hex');
    const plan = planLaunch({
      jailDir,
      preloadPath,
      mainPath: inJail(jailDir, run.entry),
      memoryMb: run.memoryMb,
      nonce,
      isolation,
      extraNodeArgs: (run.nodeArgs ?? []).map((arg) => arg.replaceAll('{jail}', jailDir)),
    });
    const outcome = await execute({
      plan,
      cwd: jailDir,
      nonce,
      timeoutMs: run.timeoutMs,
      memoryMb: run.memoryMb,
      signal: run.signal,
    });
    if (outcome.aborted) throw abortedError();
    const decision = decideVerdict(outcome.facts);
    return {
      verdict: decision.verdict,
      exitCode: outcome.facts.exitCode,
      durationMs: outcome.durationMs,
      failedAssertions: decision.failedAssertions,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      ...(decision.reason === undefined ? {} : { reason: decision.reason }),
    };
  } catch (error) {
    if (error instanceof ShipgateError && error.code === ErrorCode.Aborted) throw error;
    return infrastructureError(error, startedAt);
  } finally {
    await rm(jailDir, { recursive: true, force: true }).catch(() => undefined);
    forgetTempDir(jailDir);
  }
}

import { spawn } from 'node:child_process';
import { findExecutable, pathDirs } from '../find-executable.js';
import type { SandboxIsolation } from './types.js';

/** The namespaces every sandboxed program gets when the host allows them unprivileged. */
export const unshareArgs = ['--user', '--net', '--pid', '--fork', '--kill-child'] as const;

const fallbackDirs = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

function findTool(name: string, pathVariable: string | undefined): Promise<string | undefined> {
  return findExecutable(name, [...pathDirs(pathVariable), ...fallbackDirs]);
}

function succeeds(command: string, args: readonly string[], timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: 'ignore',
      env: {},
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * Finds out, by trying, whether unprivileged user+network+PID namespaces work here
 * (`unshare` from util-linux; containers and hardened kernels often forbid them) and
 * whether `prlimit` is available. Costs one short process; call it once and reuse the result.
 */
export async function detectIsolation(
  pathVariable: string | undefined = process.env.PATH,
): Promise<SandboxIsolation> {
  const [unsharePath, prlimitPath] = await Promise.all([
    findTool('unshare', pathVariable),
    findTool('prlimit', pathVariable),
  ]);
  const namespaces =
    unsharePath !== undefined &&
    (await succeeds(unsharePath, [...unshareArgs, '--', process.execPath, '-e', '0'], 5000));
  return {
    namespaces,
    ...(namespaces ? { unsharePath } : {}),
    ...(prlimitPath === undefined ? {} : { prlimitPath }),
  };
}

/** A one-line description for logs and `shipgate sandbox` text output. */
export function describeIsolation(isolation: SandboxIsolation): string {
  const layers = ['node permission model', 'preload guard'];
  if (isolation.namespaces) layers.unshift('user/net/pid namespaces');
  if (isolation.prlimitPath) layers.push('rlimits');
  return layers.join(' + ');
}

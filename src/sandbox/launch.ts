import { unshareArgs } from './isolation.js';
import { nonceVariable } from './preload-source.js';
import type { SandboxIsolation } from './types.js';

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface LaunchInput {
  jailDir: string;
  preloadPath: string;
  mainPath: string;
  memoryMb: number;
  nonce: string;
  isolation: SandboxIsolation;
  /** Node flags placed after the preload, before the main file (e.g. a test reporter). */
  extraNodeArgs?: string[];
}

/** Room above the V8 heap cap for Node's own mappings, buffers and code (see docs/sandbox.md). */
export const dataHeadroomMb = 192;
/** Largest file the program may write (RLIMIT_FSIZE). */
export const maxFileBytes = 16 * 1024 * 1024;

/** Node 20 calls it --experimental-permission; Node 22+ renamed it --permission. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission';
}

function nodeArgs(input: LaunchInput): string[] {
  const semiSpaceMb = Math.max(1, Math.min(16, Math.floor(input.memoryMb / 16)));
  return [
    permissionFlag(),
    `--allow-fs-read=${input.jailDir}`,
    `--allow-fs-write=${input.jailDir}`,
    `--max-old-space-size=${input.memoryMb}`,
    `--max-semi-space-size=${semiSpaceMb}`,
    '--disable-warning=ExperimentalWarning',
    '--require',
    input.preloadPath,
    ...(input.extraNodeArgs ?? []),
    input.mainPath,
  ];
}

function rlimitArgs(input: LaunchInput): string[] {
  const dataBytes = (input.memoryMb + dataHeadroomMb) * 1024 * 1024;
  return [`--data=${dataBytes}`, `--fsize=${maxFileBytes}`, '--core=0', '--nofile=256', '--'];
}

/**
 * The command line of one sandboxed run: `[unshare …] [prlimit …] node <permission flags>
 * --require preload main`. Each wrapper execs the next, and the environment is built
 * from scratch: nothing of the parent's (API keys, tokens, NODE_OPTIONS) reaches the program.
 */
export function planLaunch(input: LaunchInput): LaunchPlan {
  const chain: string[] = [];
  if (input.isolation.namespaces && input.isolation.unsharePath) {
    chain.push(input.isolation.unsharePath, ...unshareArgs, '--');
  }
  if (input.isolation.prlimitPath) chain.push(input.isolation.prlimitPath, ...rlimitArgs(input));
  chain.push(process.execPath, ...nodeArgs(input));
  const [command, ...args] = chain as [string, ...string[]];
  return {
    command,
    args,
    env: {
      [nonceVariable]: input.nonce,
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      HOME: input.jailDir,
      TMPDIR: input.jailDir,
    },
  };
}

/** Child-process helpers for the gateway bench: every server runs in its own process. */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export interface Started {
  child: ChildProcess;
  /** The first line the child printed on stdout. */
  firstLine: Promise<string>;
}

export class Children {
  readonly #all: ChildProcess[] = [];

  /**
   * `node <args>` in `cwd`; stderr inherited unless `stderr` is given (a file descriptor).
   * `prefix`: a command that runs node, e.g. `['valgrind', '--tool=callgrind']`.
   */
  start(
    args: string[],
    options: {
      cwd?: string;
      stderr?: number | 'ignore';
      env?: NodeJS.ProcessEnv;
      prefix?: string[];
    } = {},
  ) {
    const stdio: StdioOptions = ['ignore', 'pipe', options.stderr ?? 'inherit'];
    const [command = process.execPath, ...commandArgs] = options.prefix ?? [];
    const argv = options.prefix ? [...commandArgs, process.execPath, ...args] : args;
    const child = spawn(command, argv, { cwd: options.cwd, stdio, env: options.env });
    this.#all.push(child);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const firstLine = new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    });
    firstLine.catch(() => undefined);
    return { child, firstLine } satisfies Started;
  }

  /** SIGTERM and wait for the exit (so --cpu-prof files are written). */
  async stop(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  killAll(): void {
    for (const child of this.#all) if (child.exitCode === null) child.kill('SIGTERM');
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The resident set now (`VmRSS`), or its high-water mark since the process started (`VmHWM`). */
export function rssMb(pid: number | undefined, which: 'now' | 'peak' = 'now'): number {
  if (pid === undefined) return NaN;
  const field = which === 'peak' ? 'VmHWM' : 'VmRSS';
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return NaN;
  }
}

/** Polls `url` until it answers 2xx (or `tries` × 100 ms pass). */
export async function waitUp(url: string, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i += 1) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

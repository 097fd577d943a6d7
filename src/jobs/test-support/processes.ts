/** Spawns shipgate servers and workers as real processes (from source, via tsx) for the job tests and bench. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { processEnv } from '../../config/env.js';

const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
/** tsx resolved from here, so a child started in another directory still finds it. */
const tsx = import.meta.resolve('tsx');

export interface Proc {
  child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `shipgate <args>` with the given config file and environment (stdout+stderr kept). */
export function startShipgate(
  config: string,
  args: string[],
  env: Record<string, string> = {},
  /** The project root the process serves (templates, context). */
  cwd?: string,
): Proc {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(processEnv()))
    if (!/^(OPENAI_|ANTHROPIC_|SHIPGATE_)/.test(k)) clean[k] = v;
  // e.g. SHIPGATE_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the processes
  const nodeArgs = (processEnv().SHIPGATE_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', tsx, entry, '--config', config, ...args],
    {
      env: { ...clean, ...env },
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return {
    child,
    output: () => out,
    kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      return exited.finally(() => clearTimeout(force));
    },
  };
}

/** Resolves once the process prints `text` (rejects if it exits first or after `timeoutMs`). */
export function waitForOutput(proc: Proc, text: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = setInterval(() => {
      if (proc.output().includes(text)) {
        clearInterval(check);
        resolve();
      } else if (proc.child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(check);
        reject(new Error(`process did not print "${text}":\n${proc.output().slice(-2000)}`));
      }
    }, 50);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Writes a config (JSON is YAML) into `dir` and returns its path. */
export function writeConfig(dir: string, name: string, config: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

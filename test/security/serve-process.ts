/**
 * A real `shipgate serve` process the way an operator runs it (the CLI from source through
 * tsx, a config file, a SQLite file in a temp SHIPGATE_HOME), for black-box exploit tests.
 * Keys are created and revoked with the real `shipgate keys` command while the server runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCliCaptured } from '../support/run-cli.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const tsxLoader = join(repoRoot, 'node_modules/tsx/dist/loader.mjs');
// A file entry, not `-e` with --input-type=module: workers inherit the parent's flags, and
// that one turns the server's CommonJS eval workers (SQLite writer, token counter) into ESM.
const entry = join(import.meta.dirname, 'cli-entry.ts');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/** The parent's environment without provider keys or shipgate settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(OPENAI_|ANTHROPIC_|SHIPGATE_|NODE_OPTIONS|VITEST)/.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function cliArgs(configPath: string, args: string[]): string[] {
  return ['--import', tsxLoader, entry, '--config', configPath, ...args];
}

/** Writes the config (JSON is YAML) and returns its path. */
export function writeConfig(home: string, config: Record<string, unknown>): string {
  const path = join(home, 'shipgate.config.yaml');
  writeFileSync(path, JSON.stringify({ home, ...config }, null, 2));
  return path;
}

/**
 * `shipgate keys …` with the real CLI, in this process (a CLI process costs seconds of tsx
 * start-up): it opens the same SQLite file the server uses, as a second process would.
 */
export async function keysCommand(
  configPath: string,
  args: string[],
  cwd: string,
): Promise<string> {
  const run = await runCliCaptured(['--config', configPath, 'keys', ...args], {}, cwd);
  if (run.code !== 0) throw new Error(`shipgate keys ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** `shipgate keys create` → the key, printed once. */
export async function createKey(
  configPath: string,
  name: string,
  role: string,
  cwd: string,
): Promise<string> {
  const args = ['create', '--name', name, '--role', role, '--format', 'json'];
  return (JSON.parse(await keysCommand(configPath, args, cwd)) as { key: string }).key;
}

/** Starts `shipgate serve --port 0` and resolves once it printed its URL. */
export function startServe(
  configPath: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, cliArgs(configPath, ['serve', '--port', '0']), {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`shipgate serve did not start in 30 s: ${err}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolveStart({ child, url: match[1], stderr: () => err, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`shipgate serve exited (${code}) before listening: ${err}`));
    });
  });
}

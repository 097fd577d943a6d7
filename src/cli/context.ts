import { processEnv } from '../config/env.js';
import { loadConfig, type Env, type ShipgateConfig } from '../config/load.js';

export interface Output {
  write(text: string): void;
  /** True when this is an interactive terminal (colours, progress). */
  isTTY: boolean;
}

/** What every command gets: its streams, environment and a lazily loaded config. */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  env: Env;
  cwd: string;
  /** Loads (once) the config named by the global --config option, or the default one. */
  config(): ShipgateConfig;
  /** Set by a command to the process exit code. */
  exitCode: number;
  /** Cancelled on SIGINT/SIGTERM so long work stops cleanly. */
  signal: AbortSignal;
}

export interface CliContextOptions {
  stdout?: Output;
  stderr?: Output;
  env?: Env;
  cwd?: string;
  signal?: AbortSignal;
}

function processOutput(stream: NodeJS.WriteStream): Output {
  return { write: (text) => void stream.write(text), isTTY: Boolean(stream.isTTY) };
}

export function createCliContext(
  options: CliContextOptions,
  configPath: () => string | undefined,
): CliContext {
  let cached: ShipgateConfig | undefined;
  const env = options.env ?? processEnv();
  const cwd = options.cwd ?? process.cwd();
  return {
    stdout: options.stdout ?? processOutput(process.stdout),
    stderr: options.stderr ?? processOutput(process.stderr),
    env,
    cwd,
    exitCode: 0,
    signal: options.signal ?? new AbortController().signal,
    config() {
      cached ??= loadConfig({ path: configPath(), cwd, env });
      return cached;
    },
  };
}

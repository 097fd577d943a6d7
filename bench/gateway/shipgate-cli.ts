/**
 * shipgate under test, the way a user runs it: the built CLI (`node bin/shipgate.js
 * serve`, from dist/, plain node, no tsx) with a config file, an API key created by
 * `shipgate keys create`, metering + audit + metrics on (what `serve` wires) and
 * pino at `info` writing to a log file (the process's stderr).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Children } from './processes.js';

export interface ShipgateUnderTest {
  child: ChildProcess;
  port: number;
  key: string;
  home: string;
  dbPath: string;
  logBytes(): number;
  dispose(): void;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(OPENAI_|ANTHROPIC_|SHIPGATE_)/.test(k)) env[k] = v;
  }
  return env;
}

export async function startShipgate(
  children: Children,
  root: string,
  upstreamPort: number,
  nodeArgs: string[] = [],
  server: Record<string, unknown> = {},
  prefix?: string[],
): Promise<ShipgateUnderTest> {
  const home = mkdtempSync(join(tmpdir(), 'shipgate-bench-'));
  const config = join(home, 'shipgate.config.yaml');
  // JSON is YAML.
  const configBody = {
    home,
    providers: {
      openai: {
        kind: 'openai',
        baseUrl: `http://127.0.0.1:${upstreamPort}/v1`,
        apiKey: 'sk-bench',
      },
    },
    models: {
      bench: { provider: 'openai', model: 'gpt-4o-mini' },
      stall: { provider: 'openai', model: 'stall' },
      drip: { provider: 'openai', model: 'drip' },
    },
    logging: { level: 'info' },
    server,
  };
  writeFileSync(config, JSON.stringify(configBody, null, 2));
  const bin = join(root, 'bin/shipgate.js');
  const env = cleanEnv();
  const created = execFileSync(
    process.execPath,
    [
      bin,
      '--config',
      config,
      'keys',
      'create',
      '--name',
      'bench',
      '--role',
      'admin',
      '--format',
      'json',
    ],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const { key } = JSON.parse(created) as { key: string };
  const logPath = join(home, 'serve.log');
  const log = openSync(logPath, 'a');
  const started = children.start([...nodeArgs, bin, '--config', config, 'serve', '--port', '0'], {
    cwd: home,
    stderr: log,
    env,
    prefix,
  });
  const line = await started.firstLine;
  const port = Number(/listening on http:\/\/[^:]+:(\d+)/.exec(line)?.[1]);
  if (!Number.isInteger(port)) throw new Error(`shipgate serve printed: ${line}`);
  started.child.stdout?.resume();
  return {
    child: started.child,
    port,
    key,
    home,
    dbPath: join(home, 'shipgate.db'),
    logBytes: () => statSync(logPath).size,
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

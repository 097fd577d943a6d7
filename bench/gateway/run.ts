/**
 * Gateway benchmark: direct vs a bare node:http proxy (the floor) vs Portkey's
 * open-source gateway vs shipgate (auth, metering, audit on), interleaved, against
 * one local fake upstream. Every server and the load generator run in their own
 * process. Prints a table; writes JSON to bench/gateway/results/.
 *
 *   node --import tsx bench/gateway/run.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Target } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const children: ChildProcess[] = [];

function start(args: string[], cwd = here): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, firstLine };
}

async function startTs(
  file: string,
  ...args: string[]
): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const { child, firstLine } = start(['--import', 'tsx', join(here, file), ...args]);
  return { child, info: JSON.parse(await firstLine) as Record<string, unknown> };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startPortkey(): Promise<{ child: ChildProcess; port: number } | string> {
  const entry = join(here, 'portkey/node_modules/@portkey-ai/gateway/build/start-server.js');
  if (!existsSync(entry)) return 'not installed: run `npm install` in bench/gateway/portkey';
  const port = await freePort();
  const { child } = start([entry, `--port=${port}`, '--headless'], join(here, 'portkey'));
  child.stdout?.resume();
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return { child, port };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'did not answer on / within 10 s';
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

interface LoadResult {
  sequential: Record<string, { p50: number; p99: number }>;
  streaming: Record<string, { p50: number; p99: number }>;
  aborts: Record<string, number>;
  rps: Record<string, number>;
}

async function main(): Promise<void> {
  const upstream = await startTs('upstream.ts');
  const up = Number(upstream.info.port);
  const bare = await startTs('bare-proxy.ts', String(up));
  const shipgate = await startTs('shipgate-server.ts', String(up));
  const portkey = await startPortkey();
  const auth = { authorization: 'Bearer sk-bench' };
  const targets: Target[] = [
    { name: 'direct', origin: `http://127.0.0.1:${up}`, headers: auth, model: 'gpt-4o-mini' },
    {
      name: 'bare-proxy',
      origin: `http://127.0.0.1:${Number(bare.info.port)}`,
      headers: auth,
      model: 'gpt-4o-mini',
    },
    {
      name: 'shipgate',
      origin: `http://127.0.0.1:${Number(shipgate.info.port)}`,
      headers: { authorization: `Bearer ${String(shipgate.info.key)}` },
      model: 'bench',
    },
  ];
  if (typeof portkey !== 'string') {
    targets.push({
      name: 'portkey',
      origin: `http://127.0.0.1:${portkey.port}`,
      headers: {
        ...auth,
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `http://127.0.0.1:${up}/v1`,
      },
      model: 'gpt-4o-mini',
    });
  }
  const settings = {
    upstream: `http://127.0.0.1:${up}`,
    targets,
    sequential: 1500,
    streams: 500,
    aborts: 20,
    throughputMs: 5000,
    concurrency: 32,
  };
  const load = start(['--import', 'tsx', join(here, 'load.ts'), JSON.stringify(settings)]);
  const result = JSON.parse(await load.firstLine) as LoadResult;
  const servers: Record<string, ChildProcess> = {
    'bare-proxy': bare.child,
    shipgate: shipgate.child,
  };
  if (typeof portkey !== 'string') servers.portkey = portkey.child;
  const rss = Object.fromEntries(Object.entries(servers).map(([k, c]) => [k, rssMb(c)]));
  report(result, rss, typeof portkey === 'string' ? portkey : null);
}

function report(r: LoadResult, rss: Record<string, number>, portkeyProblem: string | null): void {
  const direct = r.sequential.direct ?? { p50: 0, p99: 0 };
  const directTtfb = r.streaming.direct?.p50 ?? 0;
  const rows = Object.keys(r.sequential).map((name) => ({
    target: name,
    'p50 ms': +(r.sequential[name]?.p50 ?? 0).toFixed(3),
    'p99 ms': +(r.sequential[name]?.p99 ?? 0).toFixed(3),
    'added p50 ms': +((r.sequential[name]?.p50 ?? 0) - direct.p50).toFixed(3),
    'added p99 ms': +((r.sequential[name]?.p99 ?? 0) - direct.p99).toFixed(3),
    'req/s @32': Math.round(r.rps[name] ?? 0),
    'stream TTFB added p50 ms': +((r.streaming[name]?.p50 ?? 0) - directTtfb).toFixed(3),
    'abort→upstream p50 ms': name === 'direct' ? null : +(r.aborts[name] ?? NaN).toFixed(2),
    'RSS MB': rss[name] ?? null,
  }));
  console.table(rows);
  if (portkeyProblem) console.log(`portkey skipped: ${portkeyProblem}`);
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ node: process.version, rows, raw: r, portkeyProblem }, null, 2)}\n`,
  );
  console.log(`results: ${file}`);
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
}

/**
 * Instructions per request, counted by valgrind's callgrind: shipgate serve (this
 * build, and `--baseline DIR`'s) runs under callgrind, is warmed up (the JIT has
 * compiled the hot path), then its counters are read before and after N sequential
 * requests. Instruction counts depend far less on what else the machine runs than
 * time does: the main thread's (the event loop, what limits throughput) repeated
 * within ~7 % over four runs of one build (two at once) on a loaded machine, where
 * req/s and CPU time swing by 20 % and more; a smaller difference is not a result. All other threads (the store's writer thread,
 * V8's concurrent GC and compiler helpers, libuv's pool) are reported too, but they
 * moved ~30 % between such runs: compare builds on the main thread.
 *
 *   npm run bench:gateway-instructions [-- --requests 2000] [-- --warmup 3000] [-- --pace-ms 60]
 *   npm run bench:gateway-instructions -- --baseline ../old [-- --stream]
 *   npm run bench:gateway-instructions -- --peers   # also the bare proxy and the lean
 *                                                   # floor (bare-proxy.ts, lean-floor.ts)
 *
 * Compare builds, not shares: paced, the writes batched by time (audit every 10 ms,
 * usage every 500 ms) carry one request or a few per batch instead of tens.
 *
 * Needs valgrind (Debian: apt-get install valgrind) and a build (`npx tsc -p
 * tsconfig.build.json`, in the baseline too). Under callgrind node runs ~50× slower:
 * a build takes about 5 minutes.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { option, wholeNumber } from '../shared/args.js';
import { Children } from './processes.js';
import { startShipgate } from './shipgate-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const children = new Children();

const requests = wholeNumber('--requests', 2000);
/**
 * The counted requests start at most one per `--pace-ms` of wall time: the writes the
 * server batches by time then batch alike however loaded the machine is, which keeps
 * the counts repeatable (unpaced, they moved ~10 % with the machine's load).
 */
const paceMs = wholeNumber('--pace-ms', 60);
const warmup = wholeNumber('--warmup', 3000);
const stream = argv.includes('--stream');
const baseline = option('--baseline', null) ?? undefined;

/** Per-thread instruction totals so far (`callgrind_control -e Ir`), thread number → Ir. */
function threadTotals(pid: number): Map<number, number> {
  const out = execFileSync('callgrind_control', ['-e', 'Ir', String(pid)], { encoding: 'utf8' });
  const totals = new Map<number, number>();
  for (const match of out.matchAll(/^\s*Th\s*(\d+)\s+([\d,]+)\s*$/gm))
    totals.set(Number(match[1]), Number((match[2] as string).replaceAll(',', '')));
  if (totals.size === 0) throw new Error(`callgrind_control printed no counters:\n${out}`);
  return totals;
}

/** A server under callgrind: where to send requests, and how to stop it. */
interface Running {
  pid: number;
  port: number;
  key: string;
  model: string;
  stop(): Promise<void>;
}

const prefix = ['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null'];

async function startShipgateUnder(root: string, upstreamPort: number): Promise<Running> {
  const sg = await startShipgate(children, root, upstreamPort, [], {}, prefix);
  const stop = async (): Promise<void> => {
    await children.stop(sg.child, 60_000);
    sg.dispose();
  };
  return { pid: sg.child.pid as number, port: sg.port, key: sg.key, model: 'bench', stop };
}

/** A peer script (bare-proxy.ts, lean-floor.ts): it prints `{"port": N}` once listening. */
async function startPeerUnder(file: string, upstreamPort: number): Promise<Running> {
  const args = ['--import', 'tsx', join(here, file), String(upstreamPort)];
  const started = children.start(args, { prefix });
  const { port } = JSON.parse(await started.firstLine) as { port: number };
  const stop = (): Promise<void> => children.stop(started.child, 60_000);
  return { pid: started.child.pid as number, port, key: 'sk-bench', model: 'gpt-4o-mini', stop };
}

/** Sends `count` requests one after another, each starting `paceMs` after the last (0: at once). */
async function send(pool: Pool, target: Running, count: number, paceMs = 0): Promise<number> {
  const body = JSON.stringify({
    model: target.model,
    stream,
    messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
  });
  const headers = { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' };
  let late = 0;
  let next = performance.now();
  for (let i = 0; i < count; i += 1) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else if (paceMs > 0 && i > 0) late += 1;
    next = performance.now() + paceMs;
    const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers, body });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`request ${i} answered ${res.statusCode}`);
  }
  return late;
}

interface Counted {
  main: number;
  others: number;
  total: number;
}

async function measure(target: Running): Promise<Counted> {
  const pool = new Pool(`http://127.0.0.1:${target.port}`, { connections: 1 });
  try {
    await send(pool, target, warmup);
    const before = threadTotals(target.pid);
    const late = await send(pool, target, requests, paceMs);
    const after = threadTotals(target.pid);
    if (late > requests / 10)
      console.error(`${late} of ${requests} requests took over ${paceMs} ms: raise --pace-ms`);
    const per = (thread: number): number =>
      ((after.get(thread) ?? 0) - (before.get(thread) ?? 0)) / requests;
    const total = [...after.keys()].reduce((sum, thread) => sum + per(thread), 0);
    const main = per(1);
    return { main, others: total - main, total };
  } finally {
    await pool.close();
    await target.stop();
  }
}

async function main(): Promise<void> {
  const upstream = children.start(['--import', 'tsx', join(here, 'upstream.ts')]);
  const upstreamPort = Number((JSON.parse(await upstream.firstLine) as { port: number }).port);
  const subjects: [string, () => Promise<Running>][] = [
    ['shipgate', () => startShipgateUnder(join(here, '../..'), upstreamPort)],
  ];
  if (baseline)
    subjects.push(['shipgate-baseline', () => startShipgateUnder(baseline, upstreamPort)]);
  if (argv.includes('--peers'))
    subjects.push(
      ['bare-proxy', () => startPeerUnder('bare-proxy.ts', upstreamPort)],
      ['lean-floor', () => startPeerUnder('lean-floor.ts', upstreamPort)],
    );
  const rows: Record<string, string | number>[] = [];
  const results = new Map<string, Counted>();
  for (const [name, start] of subjects) {
    console.error(`${name}: ${warmup} requests to warm up, then ${requests} counted…`);
    const counted = await measure(await start());
    results.set(name, counted);
    const k = (n: number): number => Math.round(n / 1000);
    rows.push({
      target: name,
      'main thread kIr/req': k(counted.main),
      'other threads kIr/req': k(counted.others),
      'total kIr/req': k(counted.total),
    });
  }
  console.table(rows);
  const mine = results.get('shipgate') as Counted;
  for (const peer of ['shipgate-baseline', 'bare-proxy', 'lean-floor']) {
    const theirs = results.get(peer);
    if (!theirs) continue;
    const main = (mine.main / theirs.main).toFixed(3);
    console.log(
      `shipgate ÷ ${peer}: main thread ${main}, total ${(mine.total / theirs.total).toFixed(3)}`,
    );
  }
  children.killAll();
}

main().catch((error: unknown) => {
  console.error(error);
  children.killAll();
  process.exitCode = 1;
});

/**
 * Gateway memory benchmark: shipgate (this checkout, and `--baseline DIR`'s, in
 * alternating rounds) started fresh each round, idle, then under the gateway
 * bench's load (sequential, streaming, then `--seconds` of 32 concurrent
 * requests). Per round: idle and peak RSS, server CPU per request, and what its
 * garbage collector did: scavenges and bytes promoted to the old generation per
 * 1,000 requests, mark-compacts, the old space's high water (gc-probe.ts); and the
 * promotion and old-space high water of its worker threads (the store's writer).
 *
 *   npm run bench:gateway-memory [-- --rounds 3] [-- --seconds 10] [-- --baseline ../old]
 *   npm run bench:gateway-memory -- --node-arg=--max-semi-space-size=8
 *   npm run bench:gateway-memory -- --variant-node-arg=--max-semi-space-size=8   # also
 *                              this checkout with that flag, alternating with the default
 *
 * Build first (`npx tsc -p tsconfig.build.json`, in the baseline too): it runs dist/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, wholeNumber } from '../shared/args.js';
import { gcProbeArg, workerGcStats, type GcStats } from './gc-probe.js';
import { Children, rssMb } from './processes.js';
import { startShipgate } from './shipgate-cli.js';
import { loadShipgate } from './shipgate-load.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const children = new Children();

const rounds = wholeNumber('--rounds', 3);
const seconds = wholeNumber('--seconds', 10);
const flagValues = (prefix: string): string[] =>
  argv.filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
const nodeArgs = flagValues('--node-arg=');
const variantArgs = flagValues('--variant-node-arg=');

function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks are 10 ms
}

interface Round {
  idleRssMb: number;
  peakRssMb: number;
  rps: number;
  cpuUsPerRequest: number;
  gc: GcStats;
  /** The worker threads' (the store's writer thread's, mostly), summed. */
  workersGc: GcStats;
  requests: number;
}

interface Subject {
  name: string;
  root: string;
  nodeArgs: string[];
}

async function measure({ root, nodeArgs: extra }: Subject, upstream: number): Promise<Round> {
  const gcOut = join(mkdtempSync(join(tmpdir(), 'shipgate-gc-')), 'gc.json');
  process.env.BENCH_GC_OUT = gcOut; // startShipgate passes the environment on
  const sg = await startShipgate(children, root, upstream, [...nodeArgs, ...extra, gcProbeArg]);
  const pid = sg.child.pid as number;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idleRssMb = rssMb(pid);
  const cpu0 = cpuMs(pid);
  const result = await loadShipgate(children, sg, upstream, { seconds });
  const requests = result.calls.shipgate ?? 1;
  const cpuUsPerRequest = ((cpuMs(pid) - cpu0) * 1000) / requests;
  const peakRssMb = rssMb(pid, 'peak');
  await children.stop(sg.child);
  const gc = JSON.parse(readFileSync(gcOut, 'utf8')) as GcStats;
  const workersGc = workerGcStats(gcOut);
  rmSync(dirname(gcOut), { recursive: true, force: true });
  sg.dispose();
  const rps = result.rps.shipgate ?? 0;
  return { idleRssMb, peakRssMb, rps, cpuUsPerRequest, gc, workersGc, requests };
}

function row(name: string, r: Round): Record<string, string | number> {
  const perK = (n: number): number => Math.round((n * 1000) / r.requests);
  return {
    target: name,
    'idle RSS MB': r.idleRssMb,
    'peak RSS MB': r.peakRssMb,
    'req/s @32': Math.round(r.rps),
    'CPU µs/req': Math.round(r.cpuUsPerRequest),
    'scavenges /1k req': +((r.gc.scavenges * 1000) / r.requests).toFixed(2),
    'promoted KB /1k req': Math.round(perK(r.gc.promotedBytes) / 1024),
    'mark-compacts': r.gc.markCompacts,
    'old space high MB': Math.round(r.gc.oldHighMb),
    'workers promoted KB /1k req': Math.round(perK(r.workersGc.promotedBytes) / 1024),
    'workers old space high MB': Math.round(r.workersGc.oldHighMb),
    'GC ms /1k req': +((r.gc.gcMs * 1000) / r.requests).toFixed(1),
  };
}

async function main(): Promise<void> {
  const upstream = children.start(['--import', 'tsx', join(here, 'upstream.ts')]);
  const port = Number((JSON.parse(await upstream.firstLine) as { port: number }).port);
  const root = join(here, '../..');
  const subjects: Subject[] = [{ name: 'shipgate', root, nodeArgs: [] }];
  if (variantArgs.length > 0)
    subjects.push({ name: `shipgate ${variantArgs.join(' ')}`, root, nodeArgs: variantArgs });
  const baseline = option('--baseline', null);
  if (baseline) subjects.push({ name: 'shipgate-baseline', root: baseline, nodeArgs: [] });
  const rows: Record<string, string | number>[] = [];
  for (let i = 0; i < rounds; i += 1)
    for (const subject of subjects) rows.push(row(subject.name, await measure(subject, port)));
  console.table(rows);
  await children.stop(upstream.child);
}

main().catch((error: unknown) => {
  console.error(error);
  children.killAll();
  process.exitCode = 1;
});

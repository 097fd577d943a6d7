/**
 * Gateway benchmark: direct vs a bare node:http proxy (the floor) vs a node:http server
 * that parses, re-serialises and proxies the body with undici (the lean path's floor)
 * vs a bare Fastify route proxying with undici (Fastify's floor) vs Portkey's
 * open-source gateway vs
 * shipgate, interleaved, against one local fake upstream. shipgate runs as a user
 * runs it: the built CLI (`npm run build` first) under plain node, with a config
 * file, an API key, metering, audit, metrics and pino at `info` to a log file.
 * Every server and each load generator run in their own process. Then a paced
 * 500 req/s load for 60 s (RSS), and 30 s more (`--locked-s`) with the SQLite database locked.
 * Prints a table and target checks; writes JSON to bench/gateway/results/.
 *
 *   npm run bench:gateway [-- --no-build] [-- --no-paced]
 *   npm run bench:gateway -- --locked-s 600   # 10 minutes with the database locked
 *   npm run bench:gateway -- --node-arg=--max-semi-space-size=8   # node flags for shipgate
 *   npm run bench:gateway -- --profile     # shipgate under the throughput load with
 *                                          # --cpu-prof; prints the top self time
 *   npm run bench:gateway -- --no-paced --fastify-only   # also shipgate with
 *                                          # server.leanPath: false, side by side
 *   npm run bench:gateway -- --no-paced --baseline ../old   # also the shipgate of
 *                                          # another built checkout, side by side
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './load.js';
import { Children, freePort, rssMb, waitUp } from './processes.js';
import { printSummary, summarise } from './profile-summary.js';
import { report, type LoadResult, type PacedResult } from './report.js';
import { startShipgate, type ShipgateUnderTest } from './shipgate-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const argv = process.argv.slice(2);
const args = new Set(argv);

/** `--name value`: the value after a flag, or null when the flag is absent. */
function argValue(name: string): string | null {
  const at = argv.indexOf(name);
  if (at < 0) return null;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

/** `--locked-s N`: how long the database stays write-locked in the paced run (default 30). */
function lockedSeconds(): number {
  const at = argv.indexOf('--locked-s');
  if (at < 0) return 30;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--locked-s needs a whole number of seconds, got "${argv[at + 1] ?? ''}"`);
  return value;
}

/** `--node-arg=X` (repeatable): node flags for shipgate's process, e.g. `--max-semi-space-size=8`. */
const shipgateNodeArgs = argv
  .filter((a) => a.startsWith('--node-arg='))
  .map((a) => a.slice('--node-arg='.length));
const children = new Children();

function build(): string | null {
  if (args.has('--no-build')) return null;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
    return null;
  } catch (error) {
    // tsc still emits; an error elsewhere in the tree (another work in progress) need not stop us.
    if (!existsSync(join(root, 'dist/cli/main.js'))) throw error;
    const out = String((error as { stdout?: Buffer }).stdout ?? '').split('\n')[0];
    return `build reported errors (dist emitted anyway): ${out}`;
  }
}

async function startTs(file: string, ...rest: string[]) {
  const { child, firstLine } = children.start(['--import', 'tsx', join(here, file), ...rest]);
  return { child, port: Number((JSON.parse(await firstLine) as { port: number }).port) };
}

async function startPortkey(): Promise<{ pid?: number; port: number } | string> {
  const entry = join(here, 'portkey/node_modules/@portkey-ai/gateway/build/start-server.js');
  if (!existsSync(entry)) return 'not installed: run `npm install` in bench/gateway/portkey';
  const port = await freePort();
  const { child } = children.start([entry, `--port=${port}`, '--headless'], {
    cwd: join(here, 'portkey'),
    stderr: 'ignore', // it logs a stack for every stalled stream it never aborts
  });
  child.stdout?.resume();
  return (await waitUp(`http://127.0.0.1:${port}/`))
    ? { pid: child.pid, port }
    : 'did not answer on / within 10 s';
}

function runJson<T>(file: string, settings: unknown): Promise<T> {
  const started = children.start(['--import', 'tsx', join(here, file), JSON.stringify(settings)]);
  return started.firstLine.then((line) => JSON.parse(line) as T);
}

function shipgateTarget(sg: ShipgateUnderTest): Target {
  const headers = { authorization: `Bearer ${sg.key}` };
  const origin = `http://127.0.0.1:${sg.port}`;
  return { name: 'shipgate', origin, headers, model: 'bench', pid: sg.child.pid };
}

const loadSettings = (up: number, targets: Target[]) => ({
  upstream: `http://127.0.0.1:${up}`,
  targets,
  sequential: 1500,
  streams: 500,
  aborts: 20,
  throughputMs: 5000,
  concurrency: 32,
});

async function profile(up: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-prof-'));
  const profiling = ['--cpu-prof', '--cpu-prof-dir', dir];
  const sg = await startShipgate(children, root, up, [...shipgateNodeArgs, ...profiling]);
  const settings = { ...loadSettings(up, [shipgateTarget(sg)]), throughputMs: 10_000 };
  const load = await runJson<LoadResult>('load.ts', { ...settings, phases: ['throughput'] });
  console.log(`shipgate req/s @32 under --cpu-prof: ${Math.round(load.rps.shipgate ?? 0)}`);
  await children.stop(sg.child);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  console.log(`profile: ${join(dir, file)}`);
  printSummary(summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')), 30));
  sg.dispose();
}

async function main(): Promise<void> {
  const problems = [build()].filter((p): p is string => p !== null);
  const upstream = await startTs('upstream.ts');
  const up = upstream.port;
  if (args.has('--profile')) return profile(up);
  const bare = await startTs('bare-proxy.ts', String(up));
  const leanFloor = await startTs('lean-floor.ts', String(up));
  const floor = await startTs('fastify-floor.ts', String(up));
  const sg = await startShipgate(children, root, up, shipgateNodeArgs);
  const fastifyOnly = args.has('--fastify-only')
    ? await startShipgate(children, root, up, shipgateNodeArgs, { leanPath: false })
    : null;
  const baselineRoot = argValue('--baseline');
  const baseline = baselineRoot
    ? await startShipgate(children, baselineRoot, up, shipgateNodeArgs)
    : null;
  const portkey = await startPortkey();
  const auth = { authorization: 'Bearer sk-bench' };
  const local = (name: string, port: number, pid?: number): Target => {
    const origin = `http://127.0.0.1:${port}`;
    return { name, origin, headers: auth, model: 'gpt-4o-mini', pid };
  };
  const targets = [local('direct', up), local('bare-proxy', bare.port, bare.child.pid)];
  targets.push(local('lean-floor', leanFloor.port, leanFloor.child.pid));
  targets.push(local('fastify-floor', floor.port, floor.child.pid), shipgateTarget(sg));
  if (fastifyOnly) targets.push({ ...shipgateTarget(fastifyOnly), name: 'shipgate-fastify-only' });
  if (baseline) targets.push({ ...shipgateTarget(baseline), name: 'shipgate-baseline' });
  const pids: Record<string, number | undefined> = {
    'bare-proxy': bare.child.pid,
    'lean-floor': leanFloor.child.pid,
    'fastify-floor': floor.child.pid,
    shipgate: sg.child.pid,
  };
  if (fastifyOnly) pids['shipgate-fastify-only'] = fastifyOnly.child.pid;
  if (baseline) pids['shipgate-baseline'] = baseline.child.pid;
  if (typeof portkey === 'string') problems.push(`portkey skipped: ${portkey}`);
  else {
    const headers = { ...auth, 'x-portkey-provider': 'openai' };
    const custom = { 'x-portkey-custom-host': `http://127.0.0.1:${up}/v1` };
    const target = local('portkey', portkey.port, portkey.pid);
    targets.push({ ...target, headers: { ...headers, ...custom } });
    pids.portkey = portkey.pid;
  }
  const logBefore = sg.logBytes();
  const load = await runJson<LoadResult>('load.ts', loadSettings(up, targets));
  const logBytesPerRequest = (sg.logBytes() - logBefore) / (load.calls.shipgate ?? 1);
  const rss = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, rssMb(pid)]));
  // each server started fresh for this run, so its high-water mark is this load's peak
  const peakRss = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => [k, rssMb(pid, 'peak')]),
  );
  let paced: PacedResult | null = null;
  if (!args.has('--no-paced')) {
    const t = shipgateTarget(sg);
    const settings = { origin: t.origin, headers: t.headers, model: t.model, pid: sg.child.pid };
    const timing = { rate: 500, upMs: 60_000, lockedMs: lockedSeconds() * 1000, dbPath: sg.dbPath };
    paced = await runJson<PacedResult>('paced.ts', { ...settings, ...timing });
  }
  report(
    { load, rss, peakRss, paced, logBytesPerRequest, problems },
    join(here, 'results'),
    process.version,
  );
  await children.stop(sg.child);
  sg.dispose();
  fastifyOnly?.dispose();
  baseline?.dispose();
}

try {
  await main();
} finally {
  children.killAll();
}

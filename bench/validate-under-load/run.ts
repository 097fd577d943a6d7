/**
 * Gates must not block the event loop (issue 9.8): `/v1/chat/completions` latency
 * (non-streaming, against the bench's local fake upstream) while 10 concurrent
 * `/api/validate` requests of 2,000-line TypeScript files run, against the same
 * requests on an idle server. Target: loaded p99 ≤ 2× idle p99. shipgate runs in its
 * own process (`serve`, from source through tsx, a fresh SHIPGATE_HOME, no keys); the
 * fake upstream in another; this process only sends requests. Errors and timeouts
 * are counted. Writes JSON to bench/validate-under-load/results/.
 *
 *   npm run bench:validate-load [-- --idle-s 15] [-- --loaded-s 45] [-- --validators 10] [-- --lines 2000]
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { Children } from '../gateway/processes.js';
import { bigTypeScriptFile } from './source.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = { idle: arg('--idle-s', 15), loaded: arg('--loaded-s', 45) };
const validators = arg('--validators', 10);
const lines = arg('--lines', 2000);
const children = new Children();

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function startServer(upstreamPort: number): Promise<{ origin: string; home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'sg-bench-vload-'));
  const config = join(home, 'shipgate.config.yaml');
  const body = {
    home,
    providers: {
      openai: {
        kind: 'openai',
        baseUrl: `http://127.0.0.1:${upstreamPort}/v1`,
        apiKey: 'sk-bench',
      },
    },
    models: { bench: { provider: 'openai', model: 'gpt-4o-mini' } },
    logging: { level: 'warn' },
  };
  writeFileSync(config, JSON.stringify(body));
  mkdirSync(join(home, 'project'));
  // From source, workers load tsx relative to the cwd; the project also resolves packages here.
  symlinkSync(join(repo, 'node_modules'), join(home, 'project', 'node_modules'), 'dir');
  const { firstLine } = children.start(
    [
      '--import',
      import.meta.resolve('tsx'),
      join(here, 'serve-entry.ts'),
      '--config',
      config,
      'serve',
      '--port',
      '0',
    ],
    { cwd: join(home, 'project'), stderr: 'ignore' },
  );
  const line = await firstLine.catch((error: unknown) => {
    rmSync(home, { recursive: true, force: true });
    throw error;
  });
  const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`shipgate did not start: ${line}`);
  return { origin: url, home };
}

interface Tally {
  latencies: number[];
  errors: number;
}

async function chat(pool: Pool, tally: Tally): Promise<void> {
  const started = performance.now();
  try {
    const res = await pool.request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'hi' }] }),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      if (tally.errors === 0) console.error(`chat: ${res.statusCode} ${text.slice(0, 200)}`);
      tally.errors += 1;
    } else tally.latencies.push(performance.now() - started);
  } catch (error) {
    if (tally.errors === 0) console.error(`chat: ${String(error)}`);
    tally.errors += 1;
  }
}

/** Chat requests for `ms`, 4 in flight (a steady stream of editor/agent traffic). */
async function chatRun(pool: Pool, ms: number): Promise<Tally> {
  const tally: Tally = { latencies: [], errors: 0 };
  const until = performance.now() + ms;
  const lane = async () => {
    while (performance.now() < until) await chat(pool, tally);
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return tally;
}

interface ValidateTally {
  done: number;
  errors: number;
  /** Reports in which a gate hit its time limit (gate-timeout findings). */
  gateTimeouts: number;
  latencies: number[];
}

async function validateLoop(pool: Pool, id: number, stop: { now: boolean }, tally: ValidateTally) {
  for (let round = 0; !stop.now; round += 1) {
    const started = performance.now();
    try {
      const res = await pool.request({
        method: 'POST',
        path: '/api/validate',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          files: [
            { path: `src/file-${id}.ts`, content: bigTypeScriptFile(lines, id * 1000 + round) },
          ],
        }),
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || !text.includes('"passed"')) {
        if (tally.errors === 0) console.error(`validate: ${res.statusCode} ${text.slice(0, 200)}`);
        tally.errors += 1;
      } else {
        if (text.includes('"gate-timeout"')) tally.gateTimeouts += 1;
        tally.done += 1;
        tally.latencies.push(performance.now() - started);
      }
    } catch {
      tally.errors += 1;
    }
  }
}

async function main(): Promise<void> {
  const upstream = children.start(['--import', 'tsx', join(repo, 'bench/gateway/upstream.ts')]);
  const upstreamPort = Number((JSON.parse(await upstream.firstLine) as { port: number }).port);
  const server = await startServer(upstreamPort);
  const pool = new Pool(server.origin, { connections: 32 });
  try {
    await chatRun(pool, 3000); // warm the gateway path
    const warm: ValidateTally = { done: 0, errors: 0, gateTimeouts: 0, latencies: [] };
    const once = { now: false };
    const first = validateLoop(pool, 999, once, warm);
    once.now = true; // one request: loads the gate pool and the typecheck worker
    await first;
    const idle = await chatRun(pool, seconds.idle * 1000);
    const stop = { now: false };
    const load: ValidateTally = { done: 0, errors: 0, gateTimeouts: 0, latencies: [] };
    const loops = Array.from({ length: validators }, (_, i) => validateLoop(pool, i, stop, load));
    await new Promise((r) => setTimeout(r, 1500)); // every validator has a request in flight
    const loaded = await chatRun(pool, seconds.loaded * 1000);
    stop.now = true;
    await Promise.all(loops);
    const idleAfter = await chatRun(pool, seconds.idle * 1000);
    const result = {
      date: new Date().toISOString(),
      cpus: cpus().length,
      settings: { seconds, validators, lines },
      idle: summary(idle),
      loaded: summary(loaded),
      idleAfter: summary(idleAfter),
      validate: {
        completed: load.done,
        errors: load.errors + warm.errors,
        gateTimeouts: load.gateTimeouts,
        p50Ms: round(pct(load.latencies, 50)),
        p99Ms: round(pct(load.latencies, 99)),
      },
      ratioP99: round(pct(loaded.latencies, 99) / pct(idle.latencies, 99)),
    };
    print(result);
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(
      join(here, 'results', `${result.date.replace(/[:.]/g, '-')}.json`),
      JSON.stringify(result, null, 2),
    );
  } finally {
    await pool.close();
    children.killAll();
    rmSync(server.home, { recursive: true, force: true });
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;

function summary(t: Tally) {
  return {
    ok: t.latencies.length,
    errors: t.errors,
    p50Ms: round(pct(t.latencies, 50)),
    p99Ms: round(pct(t.latencies, 99)),
    maxMs: round(Math.max(...t.latencies)),
  };
}

function print(r: {
  idle: ReturnType<typeof summary>;
  loaded: ReturnType<typeof summary>;
  idleAfter: ReturnType<typeof summary>;
  validate: {
    completed: number;
    errors: number;
    gateTimeouts: number;
    p50Ms: number;
    p99Ms: number;
  };
  ratioP99: number;
  cpus: number;
}): void {
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(28)} ${String(s.p50Ms).padStart(8)} ${String(s.p99Ms).padStart(8)} ${String(s.maxMs).padStart(8)} ${String(s.errors).padStart(6)}`;
  console.log(`/v1/chat/completions latency (ms), ${r.cpus} CPUs`);
  console.log(
    `${'phase'.padEnd(28)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'errors'.padStart(6)}`,
  );
  console.log(row('idle', r.idle));
  console.log(row(`${validators} × validate ${lines} lines`, r.loaded));
  console.log(row('idle again', r.idleAfter));
  console.log(
    `validate under load: ${r.validate.completed} done, ${r.validate.errors} errors, ${r.validate.gateTimeouts} with a gate timeout, p50 ${r.validate.p50Ms} ms, p99 ${r.validate.p99Ms} ms`,
  );
  console.log(
    `p99 loaded / idle = ${r.ratioP99}× (target ≤ 2×): ${r.ratioP99 <= 2 ? 'MET' : 'NOT MET'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  children.killAll();
  process.exitCode = 1;
});

/**
 * bench:jobs — the two targets of issue 14, measured with real parts:
 *  1. enqueue overhead: POST /api/generate {async:true} with an Idempotency-Key to
 *     `shipgate serve` in its own process, sequential, p50/p95/p99 with errors counted
 *     (target p95 ≤ 5 ms), and GET /healthz beside it as the floor; embedded (SQLite)
 *     and, when the local Postgres and Redis answer, scale-out (Postgres + BullMQ);
 *  2. throughput: 200 generate jobs against a model that takes 200 ms a call, run by
 *     2 `shipgate worker` processes × concurrency 4 (target ≤ 2× the ideal
 *     200 × 0.2 s ÷ 8 = 5 s). Errors and timeouts are counted.
 * Usage: npm run bench:jobs [-- --jobs 200 --model-ms 200 --enqueue 500]
 * Profile the server and worker processes:
 *   SHIPGATE_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:jobs
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../src/config/load.js';
import { startJobs } from '../../src/jobs/start-jobs.js';
import {
  freePort,
  startShipgate,
  waitForOutput,
  writeConfig,
  type Proc,
} from '../../src/jobs/test-support/processes.js';
import { deleteKeys, probeRedis } from '../../src/jobs/test-support/redis.js';
import { startSlowModel } from '../../src/jobs/test-support/slow-model.js';
import { createRuntime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';
import { openStore } from '../../src/store/store.js';
import { createTestDatabase, probePostgres } from '../../src/store/test-support/postgres.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    'model-ms': { type: 'string', default: '200' },
    enqueue: { type: 'string', default: '500' },
  },
});
const JOBS = Number(values.jobs);
const MODEL_MS = Number(values['model-ms']);
const ENQUEUES = Number(values.enqueue);
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = 'redis://127.0.0.1:6379';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function projectDir(): string {
  return mkdtempSync(join(tmpdir(), 'shipgate-bench-jobs-'));
}

function baseConfig(
  root: string,
  modelUrl: string,
  storage: string,
  redis?: { url: string; keyPrefix: string },
) {
  return {
    storage: { url: storage },
    ...(redis ? { redis } : {}),
    providers: { local: { kind: 'openai-compatible', baseUrl: modelUrl } },
    models: { coder: { provider: 'local', model: 'coder-1' } },
    routing: { tasks: { generate: ['coder'] } },
    cache: { enabled: false },
    generate: { gates: ['complexity'], maxAttempts: 1 },
    jobs: { leaseMs: 10_000, pollMs: 20, concurrency: 4, runInServer: 'never' },
    logging: { level: 'warn' },
    home: root,
  };
}

/** Sequential round trips from this process; the first `warm` are not counted. */
async function timeRequests(n: number, warm: number, send: (i: number) => Promise<boolean>) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < n + warm; i += 1) {
    const started = performance.now();
    const ok = await send(i).catch(() => false);
    if (!ok) errors += 1;
    if (i >= warm) times.push(performance.now() - started);
  }
  return { times: times.sort((a, b) => a - b), errors };
}

/**
 * Sequential async submissions to `shipgate serve` in its own process, as a client sees
 * them (socket, parse, auth, idempotency, database, answer); nothing runs the jobs. The
 * same client's GET /healthz round trip is measured beside it: the floor of any request.
 */
async function enqueueOverhead(
  label: string,
  storage: string,
  redis?: { url: string; keyPrefix: string },
) {
  const root = projectDir();
  const config = writeConfig(
    root,
    'shipgate.config.yaml',
    baseConfig(root, 'http://127.0.0.1:9/v1', storage, redis),
  );
  const store = await openStore(storage); // migrate once
  const port = await freePort();
  const server = startShipgate(config, ['serve', '--port', String(port)], {}, root);
  await waitForOutput(server, 'listening on', 120_000);
  const base = `http://127.0.0.1:${port}`;
  const submit = await timeRequests(ENQUEUES, 50, async (i) => {
    const res = await fetch(`${base}/api/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
      body: JSON.stringify({ spec: `bench job ${i}`, async: true }),
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
    return res.status === 202;
  });
  const floor = await timeRequests(ENQUEUES, 50, async () => {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.ok;
  });
  await server.kill();
  await store.close();
  rmSync(root, { recursive: true, force: true });
  const { times, errors } = submit;
  const row = {
    label,
    n: times.length,
    errors,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    floor: { p50: pct(floor.times, 50), p95: pct(floor.times, 95), errors: floor.errors },
  };
  console.log(
    `enqueue ${label.padEnd(22)} n=${row.n} errors=${errors}  p50 ${row.p50.toFixed(2)} ms  p95 ${row.p95.toFixed(2)} ms  p99 ${row.p99.toFixed(2)} ms  (target p95 ≤ 5 ms: ${row.p95 <= 5 ? 'met' : 'MISSED'}); GET /healthz beside it: p50 ${row.floor.p50.toFixed(2)} ms  p95 ${row.floor.p95.toFixed(2)} ms, errors ${row.floor.errors}`,
  );
  return row;
}

/** 2 worker processes × concurrency 4 run JOBS jobs against a MODEL_MS model. */
async function throughput(
  label: string,
  storage: string,
  redis?: { url: string; keyPrefix: string },
) {
  const root = projectDir();
  const model = await startSlowModel(MODEL_MS);
  const config = writeConfig(
    root,
    'shipgate.config.yaml',
    baseConfig(root, model.baseUrl, storage, redis),
  );
  const store = await openStore(storage); // migrate once
  const procs: Proc[] = [];
  const start = async (args: string[], ready: string) => {
    const p = startShipgate(config, args, {}, root);
    procs.push(p);
    await waitForOutput(p, ready, 120_000);
  };
  const port = await freePort();
  await Promise.all([
    start(['serve', '--port', String(port)], 'listening on'),
    start(['worker', '--concurrency', '4'], 'running jobs'),
    start(['worker', '--concurrency', '4'], 'running jobs'),
  ]);
  // warm each worker's gates and context index (not part of the measured run)
  const warm = await submitAll(port, 8, 'warm');
  await waitDone(store, warm.ids, 120_000);
  const cpuBefore = procs.map((p) => cpuMs(p.child.pid));
  const started = performance.now();
  const { ids, errors } = await submitAll(port, JOBS, 'run');
  const done = await waitDone(store, ids, 120_000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = procs.map((p, i) => cpuMs(p.child.pid) - (cpuBefore[i] ?? 0));
  const perJob = cpu.reduce((a, b) => a + b, 0) / JOBS;
  console.log(
    `  CPU during the run: server ${cpu[0]} ms, workers ${cpu[1]} + ${cpu[2]} ms → ${perJob.toFixed(1)} ms of shipgate CPU per job (all processes); on 2 idle cores the run could not beat max(ideal, ${JOBS} × ${perJob.toFixed(0)} ms ÷ 2 = ${((JOBS * perJob) / 2000).toFixed(2)} s)`,
  );
  const ideal = (JOBS * MODEL_MS) / 1000 / 8;
  console.log(
    `throughput ${label.padEnd(19)} ${JOBS} jobs × ${MODEL_MS} ms model, 2 workers × 4: ${seconds.toFixed(2)} s (ideal ${ideal.toFixed(2)} s, ratio ${(seconds / ideal).toFixed(2)}×, target ≤ 2×: ${seconds / ideal <= 2 ? 'met' : 'MISSED'}); succeeded ${done.succeeded}, failed ${done.failed}, submit errors ${errors}, timed out ${done.timedOut}`,
  );
  await Promise.all(procs.map((p) => p.kill()));
  await store.close();
  await model.close();
  rmSync(root, { recursive: true, force: true });
  return {
    seconds,
    ideal,
    ratio: seconds / ideal,
    cpuMsPerJob: perJob,
    ...done,
    submitErrors: errors,
  };
}

/** utime + stime of a process (Linux /proc), in ms; NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function submitAll(port: number, n: number, tag: string) {
  const ids: string[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) {
        const i = next++;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/generate`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `${tag}-${i}` },
            body: JSON.stringify({
              spec: `add two numbers (${tag} ${i})`,
              targetFile: 'src/add.ts',
              async: true,
            }),
          });
          if (res.status !== 202) errors += 1;
          else ids.push(((await res.json()) as { jobId: string }).jobId);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { ids, errors };
}

async function waitDone(
  store: Awaited<ReturnType<typeof openStore>>,
  ids: string[],
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await store.db
      .selectFrom('jobs')
      .select(['state'])
      .where('id', 'in', ids)
      .execute();
    const succeeded = rows.filter((r) => r.state === 'succeeded').length;
    const failed = rows.filter((r) => r.state === 'failed').length;
    if (succeeded + failed === ids.length) return { succeeded, failed, timedOut: 0 };
    if (Date.now() > deadline)
      return { succeeded, failed, timedOut: ids.length - succeeded - failed };
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The server's own handling, in-process (app.inject: no socket, no client), for comparison. */
async function enqueueInProcess(storage: string) {
  const root = projectDir();
  const config = parseConfig(baseConfig(root, 'http://127.0.0.1:9/v1', storage), 'bench');
  const runtime = await createRuntime(config);
  const jobs = await startJobs({
    runtime,
    root,
    validator: () => Promise.reject(new Error('unused')),
    run: false,
  });
  const app = await createServer({ runtime, jobs: jobs.system, cwd: root });
  const times: number[] = [];
  for (let i = 0; i < ENQUEUES + 50; i += 1) {
    const started = performance.now();
    await app.inject({
      method: 'POST',
      url: '/api/generate',
      payload: { spec: `bench job ${i}`, async: true },
      headers: { 'idempotency-key': `inject-${i}` },
    });
    if (i >= 50) times.push(performance.now() - started);
  }
  await app.close();
  await jobs.stop();
  await runtime.close();
  rmSync(root, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  console.log(
    `enqueue in-process (SQLite, inject) p50 ${pct(times, 50).toFixed(2)} ms  p95 ${pct(times, 95).toFixed(2)} ms`,
  );
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

const results: Record<string, unknown> = {};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
console.log(`machine: load average ${load()} on ${(await import('node:os')).cpus().length} CPUs`);
results.loadBefore = load();
const sqliteRoot = projectDir();
results.enqueueInProcess = await enqueueInProcess(`sqlite:${join(sqliteRoot, 'i.db')}`);
results.enqueueEmbedded = await enqueueOverhead(
  'embedded (SQLite)',
  `sqlite:${join(sqliteRoot, 'e.db')}`,
);
const pg = await probePostgres(adminUrl);
const redisDown = await probeRedis(redisUrl);
if (pg.available && redisDown === null) {
  const prefix = `shipgate-bench-${randomBytes(4).toString('hex')}:`;
  const db1 = await createTestDatabase(adminUrl);
  const db2 = await createTestDatabase(adminUrl);
  try {
    results.enqueueScaleOut = await enqueueOverhead('scale-out (PG+BullMQ)', db1.url, {
      url: redisUrl,
      keyPrefix: prefix,
    });
    results.throughputScaleOut = await throughput('scale-out (PG+BullMQ)', db2.url, {
      url: redisUrl,
      keyPrefix: `${prefix}t:`,
    });
  } finally {
    await db1.dispose();
    await db2.dispose();
    await deleteKeys(redisUrl, prefix);
  }
} else {
  console.log(`scale-out skipped: ${pg.available ? redisDown : pg.reason}`);
}
results.throughputEmbedded = await throughput(
  'embedded (SQLite)',
  `sqlite:${join(sqliteRoot, 't.db')}`,
);
rmSync(sqliteRoot, { recursive: true, force: true });
results.loadAfter = load();
console.log(`machine: load average ${load()}`);
console.log(JSON.stringify(results));

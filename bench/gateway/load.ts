/**
 * The load generator (own process, so it never shares an event loop with a server
 * under test). Reads targets as JSON from argv, prints one JSON result on stdout.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

export interface Target {
  name: string;
  origin: string;
  headers: Record<string, string>;
  model: string;
  /** The server's process, when local: its CPU time is read around the throughput load. */
  pid?: number;
}

interface Settings {
  upstream: string;
  targets: Target[];
  sequential: number;
  streams: number;
  aborts: number;
  throughputMs: number;
  concurrency: number;
  /** Which measurements to run (default: all). */
  phases?: Phase[];
}

type Phase = 'sequential' | 'streaming' | 'drip' | 'aborts' | 'throughput';

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings;
const now = (): number => performance.timeOrigin + performance.now();
const pools = new Map(
  settings.targets.map((t) => [t.name, new Pool(t.origin, { connections: 64 })]),
);

function body(target: Target, stream: boolean, model = target.model): string {
  return JSON.stringify({
    model,
    stream,
    messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
  });
}

const calls: Record<string, number> = {};

async function call(target: Target, stream: boolean): Promise<{ total: number; ttfb: number }> {
  const pool = pools.get(target.name) as Pool;
  calls[target.name] = (calls[target.name] ?? 0) + 1;
  const started = performance.now();
  const res = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: body(target, stream),
  });
  let ttfb = 0;
  for await (const _chunk of res.body) if (ttfb === 0) ttfb = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`${target.name} answered ${res.statusCode}`);
  return { total: performance.now() - started, ttfb };
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

/** Interleaved: round i sends one request to each target in turn. */
async function interleaved(
  n: number,
  stream: boolean,
): Promise<Record<string, { p50: number; p99: number }>> {
  const samples = new Map(settings.targets.map((t) => [t.name, [] as number[]]));
  for (const t of settings.targets) for (let i = 0; i < 50; i += 1) await call(t, stream); // warm-up
  for (let i = 0; i < n; i += 1) {
    for (const t of settings.targets) {
      const r = await call(t, stream);
      samples.get(t.name)?.push(stream ? r.ttfb : r.total);
    }
  }
  return Object.fromEntries(
    [...samples].map(([k, v]) => [k, { p50: pct(v, 0.5), p99: pct(v, 0.99) }]),
  );
}

/** Clock ticks per second (`getconf CLK_TCK`): /proc/<pid>/stat counts CPU time in them. */
function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100; // Linux's USER_HZ nearly everywhere
  }
}

const msPerTick = 1000 / clockTicksPerSecond();

/** User + system CPU of a process so far, in ms (Linux /proc). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * msPerTick;
  } catch {
    return NaN;
  }
}

/** CPU the server spent per answered request under the throughput load (µs): noise-robust. */
const cpu: Record<string, { ms: number; requests: number }> = {};

async function throughput(target: Target, ms: number): Promise<number> {
  const cpuBefore = cpuMs(target.pid);
  let done = 0;
  const end = performance.now() + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await call(target, false);
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const spent = (cpu[target.name] ??= { ms: 0, requests: 0 });
  spent.ms += cpuMs(target.pid) - cpuBefore;
  spent.requests += done;
  return done / seconds;
}

async function abortLatency(target: Target): Promise<number> {
  const upstream = new Pool(settings.upstream);
  const samples: number[] = [];
  for (let i = 0; i < settings.aborts; i += 1) {
    const before = JSON.parse(
      await (await upstream.request({ method: 'GET', path: '/_aborts' })).body.text(),
    ) as number[];
    const controller = new AbortController();
    const res = await (pools.get(target.name) as Pool).request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: body(target, true, 'stall'),
      signal: controller.signal,
    });
    await res.body[Symbol.asyncIterator]().next();
    const cutAt = now();
    controller.abort();
    for (let tries = 0; tries < 200; tries += 1) {
      const seen = JSON.parse(
        await (await upstream.request({ method: 'GET', path: '/_aborts' })).body.text(),
      ) as number[];
      if (seen.length > before.length) {
        samples.push((seen.at(-1) ?? cutAt) - cutAt);
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  await upstream.close();
  return pct(samples, 0.5);
}

/** A stream whose upstream chunks are 20 ms apart: how many reads, over how long. */
async function dripSpread(target: Target): Promise<{ reads: number; spanMs: number }> {
  const runs: { reads: number; spanMs: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await (pools.get(target.name) as Pool).request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: body(target, true, 'drip'),
    });
    const at: number[] = [];
    for await (const _chunk of res.body) at.push(performance.now());
    runs.push({ reads: at.length, spanMs: (at.at(-1) ?? 0) - (at[0] ?? 0) });
  }
  runs.sort((a, b) => a.spanMs - b.spanMs);
  return runs[1] ?? { reads: 0, spanMs: 0 };
}

const phases = new Set<Phase>(
  settings.phases ?? ['sequential', 'streaming', 'drip', 'aborts', 'throughput'],
);
const sequential = phases.has('sequential') ? await interleaved(settings.sequential, false) : {};
const streaming = phases.has('streaming') ? await interleaved(settings.streams, true) : {};
const drip: Record<string, { reads: number; spanMs: number }> = {};
if (phases.has('drip')) for (const t of settings.targets) drip[t.name] = await dripSpread(t);
const aborts: Record<string, number> = {};
if (phases.has('aborts'))
  for (const t of settings.targets) if (t.name !== 'direct') aborts[t.name] = await abortLatency(t);
const rps: Record<string, number> = Object.fromEntries(settings.targets.map((t) => [t.name, 0]));
for (let round = 0; phases.has('throughput') && round < 2; round += 1) {
  for (const t of settings.targets)
    rps[t.name] = (rps[t.name] ?? 0) + (await throughput(t, settings.throughputMs / 2)) / 2;
}
const cpuUsPerRequest = Object.fromEntries(
  Object.entries(cpu).map(([name, c]) => [name, (c.ms * 1000) / c.requests]),
);
process.stdout.write(
  `${JSON.stringify({ sequential, streaming, drip, aborts, rps, cpuUsPerRequest, calls })}\n`,
);
await Promise.all([...pools.values()].map((p) => p.close()));

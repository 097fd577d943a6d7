/**
 * Paced (open-loop) load against one server (own process): `rate` requests/s for
 * `upMs`, then the same rate for `lockedMs` while this process holds the SQLite
 * database's write lock (`BEGIN EXCLUSIVE`, what a stopped or stuck database looks
 * like to a writer; released when sending stops). A request unanswered after 10 s
 * counts as failed. Samples the server's RSS every 10 s; prints one JSON line.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'undici';
import { rssMb } from './processes.js';

interface Settings {
  origin: string;
  headers: Record<string, string>;
  model: string;
  pid: number;
  rate: number;
  upMs: number;
  lockedMs: number;
  dbPath: string;
}

export interface PacedPhase {
  name: string;
  sent: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  rss: { atS: number; mb: number }[];
}

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings;
const pool = new Pool(settings.origin, { connections: 64 });
const payload = JSON.stringify({
  model: settings.model,
  messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
});

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

async function one(latencies: number[]): Promise<boolean> {
  const started = performance.now();
  try {
    const res = await pool.request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', ...settings.headers },
      body: payload,
      signal: AbortSignal.timeout(10_000),
    });
    await res.body.dump();
    latencies.push(performance.now() - started);
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

/** Sends at `rate` for `ms`, calls `sent()` when sending stops, then waits for the answers. */
async function phase(
  name: string,
  ms: number,
  t0: number,
  sendingDone: () => void = () => undefined,
): Promise<PacedPhase> {
  const latencies: number[] = [];
  const rss: PacedPhase['rss'] = [];
  const inflight: Promise<boolean>[] = [];
  let sent = 0;
  let nextRss = 0;
  const start = performance.now();
  for (let elapsed = 0; elapsed < ms; elapsed = performance.now() - start) {
    const due = Math.floor((elapsed / 1000) * settings.rate);
    for (; sent < due; sent += 1) inflight.push(one(latencies));
    if (elapsed >= nextRss) {
      rss.push({ atS: Math.round((performance.now() - t0) / 1000), mb: rssMb(settings.pid) });
      nextRss += 10_000;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  sendingDone();
  const results = await Promise.all(inflight);
  rss.push({ atS: Math.round((performance.now() - t0) / 1000), mb: rssMb(settings.pid) });
  const sorted = latencies.sort((a, b) => a - b);
  const ok = results.filter(Boolean).length;
  return {
    name,
    sent,
    ok,
    failed: sent - ok,
    p50: pct(sorted, 0.5),
    p99: pct(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    rss,
  };
}

/** The writer-side counters `/metrics` exports (queued, dropped, written). */
async function writerMetrics(): Promise<Record<string, number>> {
  const res = await pool.request({ method: 'GET', path: '/metrics', headers: settings.headers });
  const text = await res.body.text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^(shipgate_(?:meter|audit)_\w+) (\S+)$/gm))
    out[m[1] as string] = Number(m[2]);
  return out;
}

const t0 = performance.now();
const up = await phase('db up', settings.upMs, t0);
let locked: PacedPhase | null = null;
let afterUnlock: Record<string, number> = {};
if (settings.lockedMs > 0) {
  const db = new BetterSqlite3(settings.dbPath);
  db.exec('begin exclusive');
  locked = await phase('db locked', settings.lockedMs, t0, () => {
    db.exec('rollback');
    db.close();
  });
  await new Promise((r) => setTimeout(r, 3_000));
  afterUnlock = await writerMetrics();
}
process.stdout.write(`${JSON.stringify({ up, locked, afterUnlock })}\n`);
await pool.close();

/** The gateway bench's table, target checks and JSON result file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PacedPhase } from './paced.js';

type Pcts = Record<string, { p50: number; p99: number }>;

export interface LoadResult {
  sequential: Pcts;
  streaming: Pcts;
  drip: Record<string, { reads: number; spanMs: number }>;
  aborts: Record<string, number>;
  rps: Record<string, number>;
  /** Server CPU (user + system) per request under the throughput load, µs. */
  cpuUsPerRequest: Record<string, number>;
  calls: Record<string, number>;
}

export interface PacedResult {
  up: PacedPhase;
  locked: PacedPhase | null;
  afterUnlock: Record<string, number>;
}

export interface BenchRun {
  load: LoadResult;
  rss: Record<string, number>;
  /** Each server's VmHWM after the load: the peak the issue's target is about. */
  peakRss: Record<string, number>;
  paced: PacedResult | null;
  logBytesPerRequest: number | null;
  problems: string[];
}

const r3 = (n: number | undefined): number => +(n ?? NaN).toFixed(3);

function rows(run: BenchRun) {
  const { load: r, rss, peakRss } = run;
  const direct = r.sequential.direct ?? { p50: 0, p99: 0 };
  const directTtfb = r.streaming.direct?.p50 ?? 0;
  return Object.keys(r.sequential).map((name) => ({
    target: name,
    'p50 ms': r3(r.sequential[name]?.p50),
    'p99 ms': r3(r.sequential[name]?.p99),
    'added p50 ms': r3((r.sequential[name]?.p50 ?? 0) - direct.p50),
    'added p99 ms': r3((r.sequential[name]?.p99 ?? 0) - direct.p99),
    'req/s @32': Math.round(r.rps[name] ?? 0),
    'CPU µs/req': name in r.cpuUsPerRequest ? Math.round(r.cpuUsPerRequest[name] ?? NaN) : null,
    'TTFB added p50 ms': r3((r.streaming[name]?.p50 ?? 0) - directTtfb),
    'drip reads/span ms': r.drip[name]
      ? `${r.drip[name].reads}/${Math.round(r.drip[name].spanMs)}`
      : null,
    'abort→upstream ms': name === 'direct' ? null : +(r.aborts[name] ?? NaN).toFixed(2),
    'RSS MB': rss[name] ?? null,
    'peak RSS MB': peakRss[name] ?? null,
  }));
}

function check(label: string, value: number, ok: boolean, want: string): string {
  return `${ok ? 'PASS' : 'MISS'}  ${label.padEnd(44)} ${value.toFixed(3).padStart(9)}  (${want})`;
}

function checks(run: BenchRun): string[] {
  const { load: r } = run;
  const added = (n: string, p: 'p50' | 'p99') =>
    (r.sequential[n]?.[p] ?? NaN) - (r.sequential.direct?.[p] ?? NaN);
  const sg = added('shipgate', 'p50');
  const out = [
    check(
      'added p50 shipgate / bare-proxy',
      sg / added('bare-proxy', 'p50'),
      sg / added('bare-proxy', 'p50') <= 1.5,
      '≤ 1.5',
    ),
    check(
      'added p50 shipgate / portkey',
      sg / added('portkey', 'p50'),
      sg / added('portkey', 'p50') <= 0.5,
      '≤ 0.5',
    ),
    check(
      'added p99 shipgate (ms)',
      added('shipgate', 'p99'),
      added('shipgate', 'p99') <= 2,
      '≤ 2 ms',
    ),
    check(
      'req/s shipgate / bare-proxy',
      (r.rps.shipgate ?? 0) / (r.rps['bare-proxy'] ?? NaN),
      (r.rps.shipgate ?? 0) / (r.rps['bare-proxy'] ?? NaN) >= 0.6,
      '≥ 0.6',
    ),
    check(
      'req/s shipgate / portkey',
      (r.rps.shipgate ?? 0) / (r.rps.portkey ?? NaN),
      (r.rps.shipgate ?? 0) / (r.rps.portkey ?? NaN) >= 5,
      '≥ 5',
    ),
  ];
  const ttfb = (r.streaming.shipgate?.p50 ?? NaN) - (r.streaming.direct?.p50 ?? NaN);
  out.push(check('stream TTFB added p50 (ms)', ttfb, ttfb <= 1, '≤ 1 ms'));
  const bareTtfb = (r.streaming['bare-proxy']?.p50 ?? NaN) - (r.streaming.direct?.p50 ?? NaN);
  const ttfbRatio = ttfb / bareTtfb;
  out.push(check('stream TTFB added shipgate / bare-proxy', ttfbRatio, ttfbRatio <= 1.5, '≤ 1.5'));
  const peak = run.peakRss.shipgate ?? NaN;
  out.push(check('peak RSS shipgate, whole run (MB)', peak, peak <= 150, '≤ 150 MB'));
  const drip = r.drip.shipgate?.reads ?? 0;
  out.push(check('drip chunks read separately (of 8)', drip, drip >= 6, '≥ 6: not buffered'));
  const abort = r.aborts.shipgate ?? NaN;
  out.push(check('abort → upstream closed (ms)', abort, abort <= 5, '≤ 5 ms'));
  if (run.paced) {
    const rss = run.paced.up.rss.at(-1)?.mb ?? NaN;
    out.push(check('RSS after 60 s at 500 req/s (MB)', rss, rss <= 150, '≤ 150 MB'));
    const locked = run.paced.locked;
    if (locked) {
      const growth = (locked.rss.at(-1)?.mb ?? NaN) - (locked.rss[0]?.mb ?? NaN);
      out.push(check('RSS growth, db locked (MB)', growth, growth <= 20, '≤ 20 MB: flat'));
      const late = secondHalfGrowth(locked.rss);
      if (late !== null)
        out.push(check('RSS growth, 2nd half locked (MB)', late, late <= 5, '≤ 5 MB: not growing'));
      out.push(
        check(
          'p99 while db locked (ms)',
          locked.p99,
          locked.p99 <= run.paced.up.p99 * 3 + 5,
          'no slowdown',
        ),
      );
    }
  }
  return out;
}

/**
 * Informational: how far each floor is from the bare proxy, and shipgate from the lean
 * path's floor (node:http + parse + re-serialise + undici). What separates shipgate from
 * the lean floor is its own pipeline; what separates the lean floor from the bare proxy
 * is the HTTP client and the body round trip every model-rewriting gateway pays.
 */
function floorLine(r: LoadResult): string {
  const added = (n: string) => (r.sequential[n]?.p50 ?? NaN) - (r.sequential.direct?.p50 ?? NaN);
  const bare = added('bare-proxy');
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const cpu = r.cpuUsPerRequest;
  return (
    `added p50 ÷ bare-proxy: lean-floor ${ratio(added('lean-floor'), bare)}, ` +
    `fastify-floor ${ratio(added('fastify-floor'), bare)}, shipgate ${ratio(added('shipgate'), bare)}; ` +
    `shipgate − lean-floor: ${((added('shipgate') - added('lean-floor')) * 1000).toFixed(0)} µs p50, ` +
    `${((cpu.shipgate ?? NaN) - (cpu['lean-floor'] ?? NaN)).toFixed(0)} µs CPU/request`
  );
}

/** RSS change over the second half of a long phase (null when it has too few samples). */
function secondHalfGrowth(rss: { atS: number; mb: number }[]): number | null {
  if (rss.length < 6) return null;
  const mid = rss[Math.floor(rss.length / 2)]?.mb ?? NaN;
  return (rss.at(-1)?.mb ?? NaN) - mid;
}

export function report(run: BenchRun, dir: string, node: string): void {
  const table = rows(run);
  console.table(table);
  if (run.paced) {
    for (const p of [run.paced.up, run.paced.locked]) {
      if (!p) continue;
      console.log(
        `paced ${p.name}: sent ${p.sent} ok ${p.ok} failed ${p.failed} · p50 ${p.p50.toFixed(2)} p99 ${p.p99.toFixed(2)} max ${p.max.toFixed(1)} ms · RSS ${p.rss.map((s) => `${s.atS}s:${s.mb}`).join(' ')}`,
      );
    }
    console.log(`after unlock: ${JSON.stringify(run.paced.afterUnlock)}`);
  }
  const cpu = run.load.cpuUsPerRequest;
  // the throughput target in CPU terms (≥ 60 % of the bare proxy's req/s ≈ ≤ 1.67× its CPU):
  // informational, steadier than req/s on a shared machine
  if (cpu.shipgate && cpu['bare-proxy'])
    console.log(
      `CPU/request shipgate ÷ bare-proxy: ${(cpu.shipgate / cpu['bare-proxy']).toFixed(2)}`,
    );
  console.log(floorLine(run.load));
  if (run.logBytesPerRequest !== null)
    console.log(`shipgate log: ${run.logBytesPerRequest.toFixed(0)} bytes/request at info`);
  const verdicts = checks(run);
  console.log(verdicts.join('\n'));
  for (const p of run.problems) console.log(`note: ${p}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ node, rows: table, checks: verdicts, raw: run }, null, 2)}\n`,
  );
  console.log(`results: ${file}`);
}

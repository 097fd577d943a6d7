/**
 * bench:complete — post-processing exact-middle rate on real TypeScript files
 * with simulated model faults; overhead over calling the upstream directly
 * (target ≤ 5 ms p95); cancellation reaching the upstream (target ≤ 50 ms).
 * Writes bench/complete/results.json. Usage: npm run bench:complete [-- --n 500]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../gateway-core/stats.js';
import {
  measureCancellation,
  measureOverhead,
  startShipgateChild,
  startUpstream,
} from './latency.js';
import { loadSpans, rng, scoreSpans } from './spans.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const pct = (part: number, whole: number): string =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
const ms = (v: number): string => `${v.toFixed(2)} ms`;

function quality() {
  const spans = loadSpans(process.cwd(), arg('files', 80), arg('per-file', 8), 13);
  const rows = scoreSpans(spans, rng(7));
  console.log(
    `\npost-processing: ${spans.length} spans from real TypeScript files (node_modules/*/src)`,
  );
  console.table(
    rows.map((r) => ({
      fault: r.fault,
      cases: r.cases,
      'raw output': pct(r.raw, r.cases),
      'stop tokens only': pct(r.stopOnly, r.cases),
      'shipgate post-processing': pct(r.processed, r.cases),
    })),
  );
  const total = rows.reduce(
    (a, r) => ({
      cases: a.cases + r.cases,
      processed: a.processed + r.processed,
      stopOnly: a.stopOnly + r.stopOnly,
    }),
    { cases: 0, processed: 0, stopOnly: 0 },
  );
  console.log(
    `exact middle overall: ${pct(total.processed, total.cases)} (stop tokens only: ${pct(total.stopOnly, total.cases)})`,
  );
  return { spans: spans.length, rows, overall: total };
}

async function latency() {
  const home = mkdtempSync(join(tmpdir(), 'bench-complete-'));
  const up = await startUpstream();
  const sg = await startShipgateChild(up.url, home);
  try {
    const o = await measureOverhead(up.url, sg.url, arg('n', 500));
    const overhead = {
      n: o.direct.length,
      errors: o.errors,
      directP50: percentile(o.direct, 50),
      directP95: percentile(o.direct, 95),
      shipgateP50: percentile(o.viaShipgate, 50),
      shipgateP95: percentile(o.viaShipgate, 95),
      overheadP50: percentile(o.viaShipgate, 50) - percentile(o.direct, 50),
      overheadP95: percentile(o.viaShipgate, 95) - percentile(o.direct, 95),
      serverReportedP50: percentile(o.serverReported, 50),
      serverReportedP95: percentile(o.serverReported, 95),
      loadAverage: (await import('node:os')).loadavg()[0],
    };
    console.log(`\noverhead (${overhead.n} interleaved pairs, ${overhead.errors} errors):`);
    console.log(`  direct   p50 ${ms(overhead.directP50)}  p95 ${ms(overhead.directP95)}`);
    console.log(`  shipgate p50 ${ms(overhead.shipgateP50)}  p95 ${ms(overhead.shipgateP95)}`);
    console.log(
      `  overhead p50 ${ms(overhead.overheadP50)}  p95 ${ms(overhead.overheadP95)} (target ≤ 5 ms p95)`,
    );
    console.log(
      `  x-shipgate-overhead-ms (server's own time) p50 ${ms(overhead.serverReportedP50)}  p95 ${ms(overhead.serverReportedP95)}`,
    );
    console.log(`  machine load average during the run: ${(overhead.loadAverage ?? 0).toFixed(1)}`);
    const c = await measureCancellation(up, sg.url, arg('cancel-n', 50));
    const cancel = {
      n: c.delays.length,
      timeouts: c.timeouts,
      p50: percentile(c.delays, 50),
      p95: percentile(c.delays, 95),
      max: Math.max(...c.delays),
    };
    console.log(
      `\ncancellation → upstream socket closed (${cancel.n} runs, ${cancel.timeouts} never closed within 1 s):`,
    );
    console.log(
      `  p50 ${ms(cancel.p50)}  p95 ${ms(cancel.p95)}  max ${ms(cancel.max)} (target ≤ 50 ms)`,
    );
    return { overhead, cancel };
  } finally {
    await sg.close();
    await up.close();
    rmSync(home, { recursive: true, force: true });
  }
}

const q = quality();
const l = await latency();
writeFileSync(
  join(import.meta.dirname, 'results.json'),
  `${JSON.stringify({ at: new Date().toISOString(), quality: q, ...l }, null, 2)}\n`,
);

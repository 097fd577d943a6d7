/**
 * Gateway core benchmark (issue 2): router overhead vs a direct provider call, cache
 * hit latency, and 10,000 metered calls with the database stopped.
 * Run: npm run bench:gateway-core   (node --expose-gc for steadier RSS figures)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { DbStoppedResult } from './meter-db-stopped.js';
import { measureCacheHit, measureRouterOverhead } from './router-overhead.js';

const overhead = await measureRouterOverhead(50_000);
const cache = await measureCacheHit(50_000);
function dbStopped(mode: string): DbStoppedResult | { skipped: string } {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/gateway-core/db-stopped-main.ts', mode],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as DbStoppedResult | { skipped: string };
}
// control: the same run with the database up, since V8 commits heap pages either way
const control = dbStopped('up');
const blackhole = dbStopped('blackhole');
const refuse = dbStopped('refuse');

const us = (n: number): string => `${n.toFixed(1)} µs`;
console.log('\nshipgate gateway core benchmark');
console.log(
  `router overhead   direct p50 ${us(overhead.directP50Us)} · routed p50 ${us(overhead.routedP50Us)} · p99 ${us(overhead.routedP99Us)} · added p50 ${us(overhead.overheadP50Us)}  (target ≤ 50 µs)`,
);
console.log(
  `cache hit         p50 ${us(cache.p50Us)} · p99 ${us(cache.p99Us)}  (target p99 ≤ 200 µs)`,
);
for (const r of [control, blackhole, refuse]) {
  if ('skipped' in r) console.log(`db stopped        skipped: ${r.skipped}`);
  else
    console.log(
      `db ${r.mode === 'up' ? 'up (control)  ' : `stopped (${r.mode.padEnd(9)})`} ${r.calls} calls · failed ${r.failedCalls} · RSS ${r.rssBeforeMb.toFixed(1)} → ${r.rssAfterMb.toFixed(1)} MB (+${r.rssGrowthMb.toFixed(1)}, target < 20; heap +${r.heapGrowthMb.toFixed(1)}) · call p50 ${us(r.p50CallUs)} · meter ${JSON.stringify(r.meter)}`,
    );
}
mkdirSync('bench/gateway-core/results', { recursive: true });
writeFileSync(
  `bench/gateway-core/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify({ overhead, cache, control, blackhole, refuse }, null, 2),
);

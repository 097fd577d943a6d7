/**
 * A preload for a server under test (`--import <data: URL>`): on SIGTERM its main
 * thread writes what its garbage collector did to `$BENCH_GC_OUT` (scavenges, bytes
 * they promoted to the old generation, mark-compacts, the old space's high water).
 * Worker threads inherit the preload and write the same for their own isolate, every
 * 250 ms, to `$BENCH_GC_OUT.worker-<threadId>`: the store's writer thread promoted
 * half a kilobyte per request unseen until ADR 0046, because only the main thread
 * was counted.
 * Promotion is what a per-request object that outlives a scavenge costs: it fills
 * the old generation, which then grows the resident set until a mark-compact.
 * "Promoted" is measured as the growth of the old space's used bytes from one GC to
 * the end of the next scavenge, so it also counts what was allocated straight into
 * the old space in between (large objects excepted): an upper bound, comparable
 * between builds under the same load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const probe = `
import { isMainThread, threadId } from 'node:worker_threads';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
if (process.env.BENCH_GC_OUT) {
  const oldUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
  const s = { scavenges: 0, promotedBytes: 0, markCompacts: 0, gcMs: 0, oldHighMb: 0 };
  let last = oldUsed();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const now = oldUsed();
      s.gcMs += e.duration;
      if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        s.scavenges += 1;
        s.promotedBytes += Math.max(0, now - last);
      } else if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) s.markCompacts += 1;
      s.oldHighMb = Math.max(s.oldHighMb, now / 1048576);
      last = now;
    }
  }).observe({ entryTypes: ['gc'] });
  const out = process.env.BENCH_GC_OUT;
  if (isMainThread) process.prependListener('SIGTERM', () => writeFileSync(out, JSON.stringify(s)));
  else setInterval(() => writeFileSync(out + '.worker-' + threadId, JSON.stringify(s)), 250).unref();
}
`;

export interface GcStats {
  scavenges: number;
  promotedBytes: number;
  markCompacts: number;
  gcMs: number;
  oldHighMb: number;
}

/** The summed stats of the worker threads' files next to `mainFile` (none: all zero). */
export function workerGcStats(mainFile: string): GcStats {
  const sum: GcStats = { scavenges: 0, promotedBytes: 0, markCompacts: 0, gcMs: 0, oldHighMb: 0 };
  const prefix = `${basename(mainFile)}.worker-`;
  for (const name of readdirSync(dirname(mainFile)).filter((n) => n.startsWith(prefix))) {
    const one = JSON.parse(readFileSync(join(dirname(mainFile), name), 'utf8')) as GcStats;
    sum.scavenges += one.scavenges;
    sum.promotedBytes += one.promotedBytes;
    sum.markCompacts += one.markCompacts;
    sum.gcMs += one.gcMs;
    sum.oldHighMb += one.oldHighMb;
  }
  return sum;
}

/** The node flag that loads the probe. */
export const gcProbeArg = `--import=data:text/javascript,${encodeURIComponent(probe)}`;

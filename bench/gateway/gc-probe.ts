/**
 * A preload for a server under test (`--import <data: URL>`): on SIGTERM its main
 * thread writes what its garbage collector did to `$BENCH_GC_OUT` (scavenges, bytes
 * they promoted to the old generation, mark-compacts, the old space's high water).
 * Promotion is what a per-request object that outlives a scavenge costs: it fills
 * the old generation, which then grows the resident set until a mark-compact.
 * "Promoted" is measured as the growth of the old space's used bytes from one GC to
 * the end of the next scavenge, so it also counts what was allocated straight into
 * the old space in between (large objects excepted): an upper bound, comparable
 * between builds under the same load.
 */
const probe = `
import { isMainThread } from 'node:worker_threads';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
if (isMainThread && process.env.BENCH_GC_OUT) {
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
  process.prependListener('SIGTERM', () => writeFileSync(process.env.BENCH_GC_OUT, JSON.stringify(s)));
}
`;

export interface GcStats {
  scavenges: number;
  promotedBytes: number;
  markCompacts: number;
  gcMs: number;
  oldHighMb: number;
}

/** The node flag that loads the probe. */
export const gcProbeArg = `--import=data:text/javascript,${encodeURIComponent(probe)}`;

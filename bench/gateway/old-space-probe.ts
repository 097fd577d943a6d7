/**
 * A preload for a server under test (`--import <data: URL>`): its main thread runs V8's
 * sampling heap profiler between two SIGUSR2 signals, keeping the samples of objects
 * that major GCs collected (`includeObjectsCollectedByMajorGC`) and dropping those the
 * young generation collected. What remains is what reached the old generation during
 * the load, promoted or born there (a pretenured allocation site), plus what is still
 * live. The second signal runs two young collections (so the young garbage of the last
 * requests is dropped), then a full GC, stops the profiler and writes the profile to
 * `$BENCH_OLD_SPACE_OUT`. One blur remains: young objects that die in a mark-compact
 * during the load count as collected by a major GC, so request-path sites show up with a
 * few hundred KB each. A site far above them is the finding: this is how ADR 0048 found
 * the pretenured usage record (6.2 of 15.9 MB).
 */
const probe = `
import { Session } from 'node:inspector';
import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
const out = process.env.BENCH_OLD_SPACE_OUT;
if (out && isMainThread) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  let sampling = false;
  process.on('SIGUSR2', async () => {
    if (!sampling) {
      sampling = true;
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', {
        samplingInterval: 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: false,
      });
      return;
    }
    // young garbage dies in young collections first, so its samples are dropped
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    gc({ type: 'minor' });
    gc({ type: 'minor' });
    await post('HeapProfiler.collectGarbage');
    const { profile } = await post('HeapProfiler.stopSampling');
    writeFileSync(out, JSON.stringify(profile));
  });
}
`;

/** The node flag that loads the probe. */
export const oldSpaceProbeArg = `--import=data:text/javascript,${encodeURIComponent(probe)}`;

interface ProfileNode {
  id: number;
  selfSize: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children: ProfileNode[];
}

export interface SamplingProfile {
  head: ProfileNode;
  samples: { size: number; nodeId: number }[];
}

/** Bytes per allocating function and per call stack (innermost `depth` frames). */
export function summarise(profile: SamplingProfile, depth = 4) {
  const stacks = new Map<number, string[]>();
  const walk = (node: ProfileNode, above: string[]): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^.*\/(dist|node_modules|src)\//, '$1/');
    const stack = [...above, `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`];
    stacks.set(node.id, stack);
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head, []);
  const bySite = new Map<string, number>();
  const byStack = new Map<string, number>();
  let total = 0;
  for (const { size, nodeId } of profile.samples) {
    const stack = stacks.get(nodeId);
    if (!stack) continue;
    total += size;
    const site = stack.at(-1) ?? '(unknown)';
    bySite.set(site, (bySite.get(site) ?? 0) + size);
    const path = stack.slice(-depth).join(' < ');
    byStack.set(path, (byStack.get(path) ?? 0) + size);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, sites: top(bySite, 20), stacks: top(byStack, 10) };
}

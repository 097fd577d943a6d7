/**
 * Summarises a V8 .cpuprofile (`node --cpu-prof`): top self-time functions and
 * self time by module (a package under node_modules, a dist/ folder, node:internal).
 *
 *   node --import tsx bench/gateway/profile-summary.ts FILE.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; ms: number; pct: number }[];
  modules: { module: string; ms: number; pct: number }[];
}

function moduleOf(url: string): string {
  if (url === '') return '(native/vm)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const dist = /\/dist\/([^/]+)(?:\/([^/]+))?/.exec(url);
  if (dist) return `dist/${dist[1]}${dist[2]?.endsWith('.js') ? '' : `/${dist[2] ?? ''}`}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

export function summarise(profile: Profile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fns = new Map<string, number>();
  const mods = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    total += ms;
    const file = frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/');
    add(fns, `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`, ms);
    add(mods, moduleOf(frame.url), ms);
  });
  const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total,
    functions: ranked(fns).map(([name, ms]) => ({ name, ms, pct: (100 * ms) / total })),
    modules: ranked(mods).map(([module, ms]) => ({ module, ms, pct: (100 * ms) / total })),
  };
}

export function printSummary(s: ProfileSummary): void {
  console.log(`profile: ${(s.totalMs / 1000).toFixed(1)} s sampled`);
  console.log('self time by module:');
  for (const m of s.modules) console.log(`  ${m.pct.toFixed(1).padStart(5)}%  ${m.module}`);
  console.log('top self-time functions:');
  for (const f of s.functions) console.log(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
}

if (process.argv[1]?.endsWith('profile-summary.ts') && process.argv[2]) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
  printSummary(summarise(profile, Number(process.argv[3] ?? 25)));
}

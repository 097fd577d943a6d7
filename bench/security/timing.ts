/**
 * Warm p50/p95 of the security + secrets gates on 1,000-line windows of this project's
 * own TypeScript (src/gates/security), measured twice: as shipped (the tsc build in
 * dist/, what `shipgate validate`, `serve` and `review` run) and from source under tsx
 * (what the tests run; tsx's transform wraps every function it creates in a naming
 * helper, so it is slower). Wall time, and CPU time of this process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSecretsGate } from '../../src/gates/secrets.js';
import { createSecurityGate } from '../../src/gates/security.js';
import type { Gate } from '../../src/gates/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function windows(): string[] {
  const dir = join(root, 'src/gates/security');
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
  const out: string[] = [];
  for (let i = 0; i + 1000 <= all.length; i += 500) out.push(all.slice(i, i + 1000).join('\n'));
  return out;
}

const at = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

type Timed = [wallMs: number, cpuMs: number];

async function once(gates: Gate[], content: string, signal: AbortSignal): Promise<Timed> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const g of gates)
    await g.run({ root, files: [{ path: 'big.ts', content }], options: {} }, signal);
  const c = process.cpuUsage(c0);
  return [performance.now() - t0, (c.user + c.system) / 1000];
}

function summary(times: Timed[], files: number): Record<string, number> {
  const wall = times.map((t) => t[0]);
  const cpu = times.map((t) => t[1]);
  return {
    files,
    p50Ms: at(wall, 0.5),
    p95Ms: at(wall, 0.95),
    cpuP50Ms: at(cpu, 0.5),
    cpuP95Ms: at(cpu, 0.95),
  };
}

/** Each gate set on every window, five rounds after a warm-up, interleaved window by window. */
async function timing(sets: Gate[][], texts: string[]): Promise<Array<Record<string, number>>> {
  const signal = new AbortController().signal;
  for (const gates of sets) for (const w of texts) await once(gates, w, signal);
  const times: Timed[][] = sets.map(() => []);
  for (let r = 0; r < 5; r++)
    for (const w of texts)
      for (const [i, gates] of sets.entries()) times[i]?.push(await once(gates, w, signal));
  return times.map((t) => summary(t, texts.length));
}

/** The gates as tsc builds them (`--no-build`: the dist/ already there). */
async function builtGates(noBuild: boolean): Promise<Gate[]> {
  if (!noBuild) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  const security = (await import(join(root, 'dist/gates/security.js'))) as {
    createSecurityGate: typeof createSecurityGate;
  };
  const secrets = (await import(join(root, 'dist/gates/secrets.js'))) as {
    createSecretsGate: typeof createSecretsGate;
  };
  return [security.createSecurityGate(), secrets.createSecretsGate()];
}

/** Times both builds, prints a line each, and returns the figures (the target applies to `built`). */
export async function gateTiming(noBuild: boolean): Promise<Record<string, unknown>> {
  const texts = windows();
  const sets = [await builtGates(noBuild), [createSecurityGate(), createSecretsGate()]];
  const [built = {}, source = {}] = await timing(sets, texts);
  const line = (label: string, perf: Record<string, number>): string => {
    const ms = (k: string): string => `${(perf[k] ?? 0).toFixed(1)} ms`;
    return `  ${label}: wall p50 ${ms('p50Ms')}, p95 ${ms('p95Ms')}; CPU p50 ${ms('cpuP50Ms')}, p95 ${ms('cpuP95Ms')}`;
  };
  console.log(
    `\nsecurity + secrets gates, warm, ${texts.length} files of 1,000 lines (load average ${loadavg()[0]?.toFixed(1)}):`,
  );
  console.log(line('as shipped (dist/)', built));
  console.log(line('from source under tsx', source));
  return { built, source };
}

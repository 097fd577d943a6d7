/**
 * Validate benchmark: the in-process gate pipeline (warm p50/p95 over runs that each
 * change the file), a running server's warm `POST /api/validate` with every default
 * gate, the cold CLI (new process to first report), and the seed's way
 * (`npx tsc --noEmit` then `npx eslint` as subprocesses) on the same project.
 *   node --import tsx bench/validate/run.ts [--runs 30] [--seed-runs 3]
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatesConfigSchema } from '../../src/config/gates-schema.js';
import { createValidator } from '../../src/gates/pipeline.js';
import { measureApi } from './api-timing.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 30);
const seedRuns = arg('--seed-runs', 3);
const fixture = readFileSync(new URL('./fixtures/service.ts', import.meta.url), 'utf8');

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-validate-'));
  mkdirSync(join(dir, 'src'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    '{"name":"bench-project","type":"module","private":true}\n',
  );
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, include: ['src'] }, null, 2),
  );
  writeFileSync(
    join(dir, 'eslint.config.mjs'),
    "import js from '@eslint/js';\nimport tseslint from 'typescript-eslint';\n\nexport default tseslint.config(js.configs.recommended, ...tseslint.configs.recommended);\n",
  );
  writeFileSync(join(dir, 'src/service.ts'), fixture);
  return dir;
}

/** The fixture with a small change per run, so no cache can return a previous answer. */
function variant(i: number): string {
  return `${fixture.replace('const BATCH_SIZE = 50;', `const BATCH_SIZE = ${50 + i};`)}\n/** Run ${i}. */\nexport const runMarker${i} = ${i};\n`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Spawned {
  firstOutputMs: number;
  totalMs: number;
  code: number | null;
}

function timeProcess(command: string, args: string[], cwd: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstOutputMs = NaN;
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.on('data', () => {
      if (Number.isNaN(firstOutputMs)) firstOutputMs = performance.now() - started;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ firstOutputMs, totalMs: performance.now() - started, code }),
    );
  });
}

async function measureWarm(
  dir: string,
  gates: string[],
): Promise<{ times: number[]; perGate: Record<string, number[]> }> {
  const validator = createValidator({ trust: 'project' }); // as the CLI: the project's configs
  const config = gatesConfigSchema.parse({});
  const path = join(dir, 'src/service.ts');
  await validator.validate({ root: dir, files: [{ path, content: variant(0) }], gates, config });
  const times: number[] = [];
  const perGate: Record<string, number[]> = {};
  for (let i = 1; i <= runs; i++) {
    const started = performance.now();
    const files = [{ path, content: variant(i) }];
    const report = await validator.validate({ root: dir, files, gates, config });
    times.push(performance.now() - started);
    for (const g of report.gates) (perGate[g.gate] ??= []).push(g.durationMs);
  }
  await validator.close();
  return { times, perGate };
}

function cliCommand(): { label: string; args: string[] } {
  const built = join(repo, 'dist/cli/commands/validate.js');
  const source = join(repo, 'src/cli/commands/validate.ts');
  if (existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs) {
    return { label: 'node bin/shipgate.js (dist)', args: [join(repo, 'bin/shipgate.js')] };
  }
  return {
    label: 'node --import tsx (dist not built)',
    args: ['--import', 'tsx', join(repo, 'bench/validate/cli-entry.ts')],
  };
}

async function measureCold(
  dir: string,
  gates: string[],
): Promise<{ label: string; runs: Spawned[] }> {
  const { label, args } = cliCommand();
  const out: Spawned[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(
      await timeProcess(
        process.execPath,
        [...args, 'validate', '--gates', gates.join(','), '--format', 'json', 'src/service.ts'],
        dir,
      ),
    );
  }
  return { label, runs: out };
}

async function measureSeed(
  dir: string,
): Promise<{ tsc: number[]; eslint: number[]; total: number[] }> {
  const tsc: number[] = [];
  const eslint: number[] = [];
  for (let i = 0; i < seedRuns; i++) {
    writeFileSync(join(dir, 'src/service.ts'), variant(1000 + i));
    tsc.push((await timeProcess('npx', ['tsc', '--noEmit', '-p', dir], dir)).totalMs);
    eslint.push((await timeProcess('npx', ['eslint', 'src/service.ts'], dir)).totalMs);
  }
  return { tsc, eslint, total: tsc.map((t, i) => t + (eslint[i] ?? 0)) };
}

const dir = makeProject();
try {
  const known = createValidator().gateNames;
  const wanted = ['typecheck', 'lint', 'security', 'secrets'];
  const gates = wanted.filter((g) => known.includes(g));
  const missing = wanted.filter((g) => !known.includes(g));
  const loadBefore = loadavg()[0] ?? NaN;
  const { times: warm, perGate } = await measureWarm(dir, gates);
  const cold = await measureCold(dir, gates);
  const home = mkdtempSync(join(tmpdir(), 'sg-bench-validate-home-'));
  const api = await measureApi(dir, home, variant, runs).finally(() =>
    rmSync(home, { recursive: true, force: true }),
  );
  const seed = await measureSeed(dir);
  const p50 = percentile(warm, 50);
  const p95 = percentile(warm, 95);
  const coldMedian = percentile(
    cold.runs.map((r) => r.firstOutputMs),
    50,
  );
  const seedMedian = percentile(seed.total, 50);
  const speedup = seedMedian / p50;
  const apiP50 = percentile(api.times, 50);
  const apiSpeedup = seedMedian / apiP50;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows: Array<[string, string, string]> = [
    ['gates', gates.join(', ') + (missing.length ? ` (missing: ${missing.join(', ')})` : ''), ''],
    ['fixture lines', String(fixture.split('\n').length), ''],
    [`warm p50 (${runs} runs)`, ms(p50), '<= 150 ms'],
    ...Object.entries(perGate).map(([g, t]): [string, string, string] => [
      `  ${g} p50 (gates overlap)`,
      ms(percentile(t, 50)),
      '',
    ]),
    ['warm p95', ms(p95), '<= 300 ms'],
    [`cold start to first report (median of 3, ${cold.label})`, ms(coldMedian), '<= 3000 ms'],
    [`seed: npx tsc --noEmit (median of ${seedRuns})`, ms(percentile(seed.tsc, 50)), ''],
    [`seed: npx eslint (median of ${seedRuns})`, ms(percentile(seed.eslint, 50)), ''],
    ['seed total (median)', ms(seedMedian), ''],
    ['speed-up (seed total / warm p50)', `${speedup.toFixed(1)}x`, ''],
    [
      `warm POST /api/validate p50 (${runs} runs; ${api.gates.join(', ')}; ${api.errors} errors)`,
      ms(apiP50),
      '',
    ],
    ...Object.entries(api.perGate).map(([g, t]): [string, string, string] => [
      `  ${g} p50 (in the server)`,
      ms(percentile(t, 50)),
      '',
    ]),
    ['warm POST /api/validate p95', ms(percentile(api.times, 95)), ''],
    ['speed-up (seed total / /api/validate p50)', `${apiSpeedup.toFixed(1)}x`, '>= 30x'],
    [
      '1-min load average at start (shared cores)',
      `${loadBefore.toFixed(2)} / ${cpus().length} cpus`,
      '',
    ],
  ];
  const w0 = Math.max(...rows.map(([k]) => k.length));
  const w1 = Math.max(...rows.map(([, v]) => v.length));
  console.log(`${'metric'.padEnd(w0)}  ${'value'.padEnd(w1)}  target`);
  for (const [k, v, t] of rows) console.log(`${k.padEnd(w0)}  ${v.padEnd(w1)}  ${t}`);
  const results = new URL('./results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  const file = new URL(`validate-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, results);
  const summary = {
    gates,
    missing,
    runs,
    loadBefore,
    cpus: cpus().length,
    warmMs: warm,
    perGate,
    p50,
    p95,
    cold,
    coldMedian,
    seed,
    seedMedian,
    speedup,
    api,
    apiP50,
    apiSpeedup,
  };
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(file)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

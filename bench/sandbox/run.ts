/**
 * Sandbox benchmark: verdict agreement with HumanEval-X JS observed verdicts, throughput
 * at concurrency 2 and 4, and timeout precision. Run: npm run bench:sandbox
 */
import { pool } from '../shared/pool.js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox, describeIsolation } from '../../src/sandbox/index.js';
import type { SandboxResult } from '../../src/sandbox/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, '../../../shared/bench-data/humaneval-x-js-dev');
const agreementTimeoutMs = 2000;

interface Problem {
  task_id: string;
  prompt: string;
  test: string;
}
interface Candidate {
  task_id: string;
  candidate_id: string;
  kind: string;
  completion: string;
  verdict_throwing_assert: string;
}

async function jsonl<T>(file: string): Promise<T[]> {
  const text = await readFile(join(dataDir, file), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

async function main(): Promise<void> {
  const sandbox = createSandbox();
  const isolation = await sandbox.isolation();
  const problems = new Map((await jsonl<Problem>('problems.jsonl')).map((p) => [p.task_id, p]));
  const candidates = await jsonl<Candidate>('candidates.jsonl');
  const program = (c: Candidate) => {
    const p = problems.get(c.task_id) as Problem;
    return `${p.prompt}${c.completion}\n${p.test}`;
  };

  const t0 = performance.now();
  const results = await pool(candidates, 4, async (c) => ({
    c,
    r: await sandbox.run({ code: program(c), language: 'js', timeoutMs: agreementTimeoutMs }),
  }));
  const agreementSeconds = (performance.now() - t0) / 1000;
  const byKind = new Map<string, { agree: number; total: number }>();
  const disagreements: {
    id: string;
    kind: string;
    expected: string;
    got: string;
    reason?: string;
  }[] = [];
  for (const { c, r } of results) {
    const kind = byKind.get(c.kind) ?? { agree: 0, total: 0 };
    kind.total += 1;
    if (r.verdict === c.verdict_throwing_assert) kind.agree += 1;
    else
      disagreements.push({
        id: c.candidate_id,
        kind: c.kind,
        expected: c.verdict_throwing_assert,
        got: r.verdict,
        ...(r.reason ? { reason: r.reason } : {}),
      });
    byKind.set(c.kind, kind);
  }
  const loopTimes = results
    .filter(({ c }) => c.kind === 'infinite_loop')
    .map(({ r }) => r.durationMs);

  // Throughput on small passing programs (canonical solutions).
  const small = results
    .filter(({ c }) => c.kind === 'canonical')
    .map(({ c }) => program(c))
    .slice(0, 60);
  const throughput: Record<string, number> = {};
  for (const concurrency of [2, 4]) {
    const start = performance.now();
    await pool(small, concurrency, (code) =>
      sandbox.run({ code, language: 'js', timeoutMs: 5000 }),
    );
    throughput[`c${concurrency}`] =
      Math.round((small.length / ((performance.now() - start) / 1000)) * 10) / 10;
  }

  const timeoutRuns: SandboxResult[] = [];
  for (let i = 0; i < 5; i++)
    timeoutRuns.push(
      await sandbox.run({ code: 'while (true) {}', language: 'js', timeoutMs: 1000 }),
    );
  const ttv = timeoutRuns.map((r) => r.durationMs);

  const total = results.length;
  const agree = total - disagreements.length;
  console.log(`isolation: ${describeIsolation(isolation)}`);
  console.log(
    `\nagreement with verdict_throwing_assert (timeout ${agreementTimeoutMs} ms, concurrency 4, ${agreementSeconds.toFixed(1)} s)`,
  );
  console.log('kind               agree/total   %');
  for (const [kind, v] of [...byKind].sort())
    console.log(
      `${kind.padEnd(18)} ${`${v.agree}/${v.total}`.padStart(11)}  ${pct(v.agree, v.total)}`,
    );
  console.log(`${'overall'.padEnd(18)} ${`${agree}/${total}`.padStart(11)}  ${pct(agree, total)}`);
  for (const d of disagreements)
    console.log(
      `  disagree ${d.id} (${d.kind}): expected ${d.expected}, got ${d.got} — ${d.reason ?? ''}`,
    );
  console.log(
    `\ninfinite_loop time to verdict (${agreementTimeoutMs} ms timeout): p50 ${quantile(loopTimes, 0.5)} ms, max ${Math.max(...loopTimes)} ms`,
  );
  console.log(
    `throughput (${small.length} canonical programs): concurrency 2 → ${throughput.c2}/s, concurrency 4 → ${throughput.c4}/s`,
  );
  console.log(
    `timeout precision (while(true), 1000 ms, 5 runs): p50 ${quantile(ttv, 0.5)} ms, max ${Math.max(...ttv)} ms`,
  );

  const resultsDir = join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `sandbox-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    JSON.stringify(
      {
        isolation,
        agreement: {
          total,
          agree,
          percent: pct(agree, total),
          byKind: Object.fromEntries(byKind),
          disagreements,
          seconds: agreementSeconds,
        },
        infiniteLoopMs: loopTimes,
        throughput,
        timeoutPrecisionMs: ttv,
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${file}`);
}

await main();

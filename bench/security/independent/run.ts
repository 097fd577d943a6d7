/**
 * Independent benchmark of the security gate on a hand-written labelled corpus.
 *
 * Each file in `cases/` is named `vuln-<cwe>-<n>.<ext>` or `safe-<cwe>-<n>.<ext>`. A vulnerable
 * file is detected when the gate reports at least one finding whose CWE belongs to the file's
 * family; a safe file is a false positive when the gate reports any finding of that family.
 *
 * Run from the repository root: node --import tsx bench/security/independent/run.ts
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSecurityGate } from '../../../src/gates/security.js';
import type { Finding } from '../../../src/gates/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const casesDir = path.join(here, 'cases');
const resultsDir = path.join(here, 'results');

/** CWE families: a finding counts for a file when its CWE is in the file's family. */
const families: Record<string, readonly number[]> = {
  'code-injection': [94, 95, 502],
  'command-injection': [78],
  'sql-injection': [89],
  'nosql-injection': [943],
  'path-traversal': [22],
  xss: [79],
  ssrf: [918],
  'prototype-pollution': [1321],
  crypto: [327, 328, 916, 338, 295, 329, 347],
  'hardcoded-credentials': [798],
  'open-redirect': [601],
};

function familyOf(cwe: number): string | undefined {
  for (const [name, cwes] of Object.entries(families)) {
    if (cwes.includes(cwe)) return name;
  }
  return undefined;
}

function cweNumber(cwe: string | undefined): number | undefined {
  const m = /(\d+)/.exec(cwe ?? '');
  return m ? Number(m[1]) : undefined;
}

interface CaseResult {
  file: string;
  label: 'vuln' | 'safe';
  cwe: number;
  family: string;
  /** Findings of the file's own family. */
  familyFindings: Finding[];
  /** Findings of any other family (reported for information, not scored). */
  otherFindings: Finding[];
  outcome: 'TP' | 'FN' | 'FP' | 'TN';
}

interface Metrics {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

function metrics(results: readonly CaseResult[]): Metrics {
  const count = (o: CaseResult['outcome']): number => results.filter((r) => r.outcome === o).length;
  const tp = count('TP');
  const fn = count('FN');
  const fp = count('FP');
  const tn = count('TN');
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fn, fp, tn, precision, recall, f1 };
}

function describe(f: Finding): string {
  return `${f.rule} ${f.cwe ?? '?'} L${f.line} ${f.severity}: ${f.message}`;
}

async function main(): Promise<void> {
  const gate = createSecurityGate();
  const names = (await readdir(casesDir)).sort();
  const results: CaseResult[] = [];
  const started = performance.now();

  for (const name of names) {
    const m = /^(vuln|safe)-(\d+)-\d+\.(?:js|mjs|cjs|ts|tsx|jsx|mts|cts)$/.exec(name);
    if (!m) {
      console.warn(`skipping ${name}: name does not match (vuln|safe)-<cwe>-<n>.<ext>`);
      continue;
    }
    const label = m[1] as 'vuln' | 'safe';
    const cwe = Number(m[2]);
    const family = familyOf(cwe);
    if (!family) throw new Error(`${name}: CWE-${cwe} is in no family`);

    const filePath = path.join(casesDir, name);
    const content = await readFile(filePath, 'utf8');
    const result = await gate.run(
      { root, files: [{ path: filePath, content }], options: {} },
      new AbortController().signal,
    );
    const familyFindings: Finding[] = [];
    const otherFindings: Finding[] = [];
    for (const f of result.findings) {
      const n = cweNumber(f.cwe);
      if (n !== undefined && families[family]!.includes(n)) familyFindings.push(f);
      else otherFindings.push(f);
    }
    const hit = familyFindings.length > 0;
    const outcome = label === 'vuln' ? (hit ? 'TP' : 'FN') : hit ? 'FP' : 'TN';
    results.push({ file: name, label, cwe, family, familyFindings, otherFindings, outcome });
  }
  const elapsedMs = Math.round(performance.now() - started);

  const perFamily: Record<string, Metrics> = {};
  const rows: string[][] = [['category', 'files', 'TP', 'FN', 'FP', 'TN', 'P', 'R', 'F1']];
  const pct = (x: number): string => x.toFixed(2);
  for (const family of Object.keys(families)) {
    const subset = results.filter((r) => r.family === family);
    if (subset.length === 0) continue;
    const mt = metrics(subset);
    perFamily[family] = mt;
    rows.push([
      family,
      String(subset.length),
      String(mt.tp),
      String(mt.fn),
      String(mt.fp),
      String(mt.tn),
      pct(mt.precision),
      pct(mt.recall),
      pct(mt.f1),
    ]);
  }
  const overall = metrics(results);
  rows.push([
    'OVERALL',
    String(results.length),
    String(overall.tp),
    String(overall.fn),
    String(overall.fp),
    String(overall.tn),
    pct(overall.precision),
    pct(overall.recall),
    pct(overall.f1),
  ]);

  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\nSecurity gate, independent corpus (${results.length} files, ${elapsedMs} ms)\n`);
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1, -1)) console.log(line(r));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(line(rows[rows.length - 1]!));

  const misses = results.filter((r) => r.outcome === 'FN');
  const falsePositives = results.filter((r) => r.outcome === 'FP');
  console.log(`\nMisses (${misses.length}):`);
  for (const r of misses) {
    const other = r.otherFindings.map(describe);
    console.log(`  ${r.file}: no ${r.family} finding${other.length ? '; other findings:' : ''}`);
    for (const o of other) console.log(`      ${o}`);
  }
  console.log(`\nFalse positives (${falsePositives.length}):`);
  for (const r of falsePositives) {
    console.log(`  ${r.file}:`);
    for (const f of r.familyFindings) console.log(`      ${describe(f)}`);
  }
  const crossFamily = results.filter((r) => r.otherFindings.length > 0);
  console.log(`\nFiles with findings outside their own family (not scored): ${crossFamily.length}`);
  for (const r of crossFamily) {
    console.log(
      `  ${r.file}: ${r.otherFindings.map((f) => `${f.rule} ${f.cwe ?? '?'}`).join(', ')}`,
    );
  }

  await mkdir(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const report = {
    generatedAt: new Date().toISOString(),
    elapsedMs,
    families,
    overall,
    perFamily,
    misses: misses.map((r) => r.file),
    falsePositives: falsePositives.map((r) => r.file),
    cases: results,
  };
  const out = path.join(resultsDir, `independent-${stamp}.json`);
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  await writeFile(path.join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nResults written to ${path.relative(root, out)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

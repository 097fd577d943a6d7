/**
 * Security gate benchmark: shipgate's security gate vs eslint-plugin-security (recommended config)
 * on the labelled cases under bench/security/cases/<category>/{vuln,safe}-*.
 * File-level verdicts: a vulnerable file is detected when any finding of the category's CWE family
 * (or, for ESLint, of the rules mapped to it) is reported; a safe file with one is a false positive.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
import { createSecurityGate } from '../../src/gates/security.js';
import { analyzeSource } from '../../src/gates/security/analyze.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');

const cweFamily: Record<string, readonly string[]> = {
  'code-injection': ['CWE-94', 'CWE-95', 'CWE-502'],
  'command-injection': ['CWE-78'],
  'sql-injection': ['CWE-89'],
  'nosql-injection': ['CWE-943'],
  'path-traversal': ['CWE-22'],
  xss: ['CWE-79'],
  ssrf: ['CWE-918'],
  'open-redirect': ['CWE-601'],
  'regex-injection': ['CWE-1333', 'CWE-730'],
  'prototype-pollution': ['CWE-1321'],
  'insecure-crypto': ['CWE-327', 'CWE-328', 'CWE-916', 'CWE-338', 'CWE-295', 'CWE-347', 'CWE-329'],
  'hardcoded-credentials': ['CWE-798'],
};

/** eslint-plugin-security rules mapped to the category they claim to cover. */
const eslintFamily: Record<string, readonly string[]> = {
  'code-injection': ['security/detect-eval-with-expression', 'security/detect-non-literal-require'],
  'command-injection': ['security/detect-child-process'],
  'path-traversal': ['security/detect-non-literal-fs-filename'],
  'regex-injection': ['security/detect-non-literal-regexp', 'security/detect-unsafe-regex'],
  'prototype-pollution': ['security/detect-object-injection'],
  'insecure-crypto': ['security/detect-pseudoRandomBytes'],
  xss: ['security/detect-disable-mustache-escape'],
};

interface Case {
  category: string;
  file: string;
  vulnerable: boolean;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function listCases(): Case[] {
  const out: Case[] = [];
  for (const category of readdirSync(casesDir).sort()) {
    for (const name of readdirSync(join(casesDir, category)).sort()) {
      if (!/^(vuln|safe)-/.test(name)) continue;
      out.push({
        category,
        file: join(casesDir, category, name),
        vulnerable: name.startsWith('vuln-'),
      });
    }
  }
  return out;
}

async function runShipgate(cases: Case[]): Promise<Map<string, Set<string>>> {
  const gate = createSecurityGate();
  const files = cases.map((c) => ({ path: c.file, content: readFileSync(c.file, 'utf8') }));
  const result = await gate.run(
    { root: casesDir, files, options: {} },
    new AbortController().signal,
  );
  const byFile = new Map<string, Set<string>>();
  for (const f of result.findings) {
    const set = byFile.get(f.file ?? '') ?? new Set<string>();
    set.add(f.cwe ?? '');
    byFile.set(f.file ?? '', set);
  }
  return byFile;
}

async function runEslint(cases: Case[]): Promise<Map<string, Set<string>>> {
  const eslint = new ESLint({
    cwd: casesDir,
    overrideConfigFile: true,
    overrideConfig: [
      security.configs.recommended,
      {
        languageOptions: {
          ecmaVersion: 'latest',
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      },
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ],
  });
  const results = await eslint.lintFiles(cases.map((c) => c.file));
  const byFile = new Map<string, Set<string>>();
  for (const r of results) byFile.set(r.filePath, new Set(r.messages.map((m) => m.ruleId ?? '')));
  return byFile;
}

function score(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function tally(cases: Case[], flagged: (c: Case) => boolean): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const c of cases) {
    const counts = out.get(c.category) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    const hit = flagged(c);
    if (c.vulnerable) counts[hit ? 'tp' : 'fn']++;
    else counts[hit ? 'fp' : 'tn']++;
    out.set(c.category, counts);
  }
  return out;
}

function total(m: Map<string, Counts>): Counts {
  const t: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const c of m.values()) for (const k of ['tp', 'fp', 'fn', 'tn'] as const) t[k] += c[k];
  return t;
}

function timing(): { p50Ms: number; lines: number } {
  const all = listCases().map((c) => readFileSync(c.file, 'utf8'));
  let text = '';
  for (const t of all) {
    if (text.split('\n').length >= 300) break;
    text += `{\n${t}\n}\n`;
  }
  const lines = text.split('\n').length;
  for (let i = 0; i < 20; i++) analyzeSource('big.ts', text);
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    analyzeSource('big.ts', text);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: samples[Math.floor(samples.length / 2)] ?? 0, lines };
}

const fmt = (n: number): string => n.toFixed(2);

async function main(): Promise<void> {
  const cases = listCases();
  const [ship, lint] = await Promise.all([runShipgate(cases), runEslint(cases)]);
  const shipFlag = (c: Case): boolean =>
    [...(ship.get(c.file) ?? [])].some((cwe) => cweFamily[c.category]?.includes(cwe));
  const lintFlag = (c: Case): boolean =>
    [...(lint.get(c.file) ?? [])].some((r) => eslintFamily[c.category]?.includes(r));
  const s = tally(cases, shipFlag);
  const e = tally(cases, lintFlag);
  const rows: Record<string, unknown>[] = [];
  console.log(
    'category               vuln safe | shipgate P    R     F1   | eslint-security P  R     F1',
  );
  for (const category of [...s.keys()]) {
    const sc = s.get(category) as Counts;
    const ec = e.get(category) as Counts;
    const a = score(sc);
    const b = score(ec);
    rows.push({ category, shipgate: { ...sc, ...a }, eslintPluginSecurity: { ...ec, ...b } });
    console.log(
      `${category.padEnd(22)} ${String(sc.tp + sc.fn).padStart(4)} ${String(sc.fp + sc.tn).padStart(4)} |          ${fmt(a.precision)} ${fmt(a.recall)} ${fmt(a.f1)} |                 ${fmt(b.precision)} ${fmt(b.recall)} ${fmt(b.f1)}`,
    );
  }
  const st = score(total(s));
  const et = score(total(e));
  console.log(
    `${'OVERALL'.padEnd(32)} |          ${fmt(st.precision)} ${fmt(st.recall)} ${fmt(st.f1)} |                 ${fmt(et.precision)} ${fmt(et.recall)} ${fmt(et.f1)}`,
  );
  const misses = cases
    .filter((c) => c.vulnerable !== shipFlag(c))
    .map((c) => relative(casesDir, c.file));
  if (misses.length > 0)
    console.log(`\nshipgate misses / false positives:\n  ${misses.join('\n  ')}`);
  const perf = timing();
  console.log(`\nwarm analysis of a ${perf.lines}-line file: p50 ${perf.p50Ms.toFixed(2)} ms`);
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    cases: cases.length,
    categories: rows,
    overall: { shipgate: st, eslintPluginSecurity: et },
    misses,
    perf,
  };
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(json, null, 2));
}

await main();

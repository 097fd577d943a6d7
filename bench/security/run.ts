/**
 * Security benchmark on the line-labelled semgrep-rules JS/TS test files
 * (../shared/bench-data/semgrep-js-ts-dev, evaluation only): shipgate's security + secrets gates
 * against eslint-plugin-security (recommended config), line-level precision/recall per category,
 * on a tune split and a held-out split (a fixed hash of the file path; never tuned on).
 * Then the warm p95 of the security + secrets gates per 1,000-line file, and the
 * findings on ordinary code: popular npm packages in node_modules (ordinary.ts).
 *   npm run bench:security [-- --data <dir>] [-- --misses] [-- --no-build]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
import { createSecretsGate } from '../../src/gates/secrets.js';
import { createSecurityGate } from '../../src/gates/security.js';
import type { Finding, Gate } from '../../src/gates/types.js';
import { ordinaryCode } from './ordinary.js';
import { gateTiming } from './timing.js';
import {
  categories,
  defaultDataDir,
  loadDataset,
  precisionRecall,
  scoreHits,
  sumCounts,
  type Category,
  type Counts,
  type DataFile,
  type Hit,
  type Label,
} from './dataset.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Our rule families → dataset categories (open redirects are scored as XSS, as semgrep files them). */
const ruleCategory: Record<string, Category> = {
  xss: 'xss',
  'open-redirect': 'xss',
  'sql-injection': 'injection',
  'nosql-injection': 'injection',
  'template-injection': 'injection',
  'code-injection': 'code-eval',
  'command-injection': 'command-injection',
  'path-traversal': 'path-traversal',
  ssrf: 'ssrf',
  'prototype-pollution': 'prototype-pollution',
  'hardcoded-credentials': 'hardcoded-secret',
  'insecure-crypto': 'insecure-crypto',
};

const eslintCategory: Record<string, Category> = {
  'security/detect-eval-with-expression': 'code-eval',
  'security/detect-non-literal-require': 'code-eval',
  'security/detect-child-process': 'command-injection',
  'security/detect-non-literal-fs-filename': 'path-traversal',
  'security/detect-object-injection': 'prototype-pollution',
  'security/detect-pseudoRandomBytes': 'insecure-crypto',
  'security/detect-possible-timing-attacks': 'insecure-crypto',
  'security/detect-disable-mustache-escape': 'xss',
};

function categoryOf(f: Finding): Category | undefined {
  if (f.gate === 'secrets') return 'hardcoded-secret';
  return ruleCategory[f.rule];
}

async function runShipgate(files: readonly DataFile[]): Promise<Hit[]> {
  const gates: Gate[] = [createSecurityGate(), createSecretsGate()];
  const hits: Hit[] = [];
  const signal = new AbortController().signal;
  for (const file of files) {
    for (const gate of gates) {
      if (!gate.appliesTo(file.file)) continue;
      const ctx = { root: here, files: [{ path: file.file, content: file.content }], options: {} };
      for (const f of (await gate.run(ctx, signal)).findings) {
        const category = categoryOf(f);
        if (category) hits.push({ file: file.file, line: f.line, category });
      }
    }
  }
  return hits;
}

async function runEslint(files: readonly DataFile[]): Promise<Hit[]> {
  const eslint = new ESLint({
    cwd: here,
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
  const hits: Hit[] = [];
  for (const file of files) {
    if (!/\.[cm]?[jt]sx?$/.test(file.file)) continue;
    const [r] = await eslint.lintText(file.content, { filePath: join(here, 'data', file.file) });
    for (const m of r?.messages ?? []) {
      const category = eslintCategory[m.ruleId ?? ''];
      if (category) hits.push({ file: file.file, line: m.line, category });
    }
  }
  return hits;
}

const fmt = (n: number): string => n.toFixed(2);

function printSplit(name: string, labels: Label[], ship: Hit[], lint: Hit[]): object {
  const s = scoreHits(labels, ship);
  const e = scoreHits(labels, lint);
  console.log(`\n== ${name}: ${labels.filter((l) => l.positive).length} vulnerable lines`);
  console.log('category             pos |  shipgate P    R    FP(neg) | eslint-security P    R');
  const rows: Record<string, unknown> = {};
  const line = (label: string, sc: Counts, ec: Counts): void => {
    const a = precisionRecall(sc);
    const b = precisionRecall(ec);
    console.log(
      `${label.padEnd(20)} ${String(sc.tp + sc.fn).padStart(3)} |  ${fmt(a.precision)} ${fmt(a.recall)} ${String(sc.fpOnNegative).padStart(4)}    |  ${fmt(b.precision)} ${fmt(b.recall)}`,
    );
    rows[label] = { shipgate: { ...sc, ...a }, eslintPluginSecurity: { ...ec, ...b } };
  };
  for (const c of categories) line(c, s.get(c) as Counts, e.get(c) as Counts);
  line('OVERALL (micro)', sumCounts(s), sumCounts(e));
  return rows;
}

function printMisses(labels: Label[], hits: Hit[]): void {
  const found = new Set(hits.map((h) => `${h.file}:${h.line}:${h.category}`));
  const positive = new Set(
    labels.filter((l) => l.positive).map((l) => `${l.file}:${l.line}:${l.category}`),
  );
  for (const l of labels)
    if (l.positive && !found.has(`${l.file}:${l.line}:${l.category}`))
      console.log(`  miss ${l.category} ${l.file}:${l.line}`);
  for (const k of new Set(found)) if (!positive.has(k)) console.log(`  fp   ${k}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataIdx = argv.indexOf('--data');
  const dir = dataIdx >= 0 ? (argv[dataIdx + 1] ?? '') : defaultDataDir();
  const data = loadDataset(dir);
  if (!data) {
    console.error(`No dataset at ${dir} (files.jsonl): pass --data <dir>.`);
    process.exitCode = 2;
    return;
  }
  const [ship, lint] = [await runShipgate(data.files), await runEslint(data.files)];
  const result: Record<string, unknown> = { date: new Date().toISOString(), dataset: dir };
  for (const split of ['tune', 'held-out'] as const) {
    const inSplit = new Set(data.files.filter((f) => f.split === split).map((f) => f.file));
    const labels = data.labels.filter((l) => inSplit.has(l.file));
    const pick = (hits: Hit[]): Hit[] => hits.filter((h) => inSplit.has(h.file));
    result[split] = printSplit(
      `${split} split (${inSplit.size} files)`,
      labels,
      pick(ship),
      pick(lint),
    );
    if (split === 'tune' && argv.includes('--misses')) printMisses(labels, pick(ship));
  }
  result['all'] = printSplit('all dev files', data.labels, ship, lint);
  const perf = await gateTiming(argv.includes('--no-build'));
  result['perf'] = perf;
  const ordinary = await ordinaryCode(join(here, '../../node_modules'));
  result['ordinaryCode'] = ordinary;
  console.log(
    `ordinary code (${String(ordinary['files'])} files, ${String(ordinary['kloc'])} KLOC of ${String(ordinary['packages'])} npm packages): ${String(ordinary['flaggedFiles'])} files with a medium+ finding, ${String(ordinary['findingsMediumPlus'])} findings (${String(ordinary['perKloc'])}/KLOC), ${String(ordinary['crashes'])} gate crashes; ${JSON.stringify(ordinary['byRule'])}`,
  );
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
}

await main();

/**
 * The line-labelled JS/TS security dataset (../shared/bench-data/semgrep-js-ts-dev): loading,
 * a deterministic tune/held-out split by file, and line-level scoring per category.
 * The data is evaluation-only: it is read from disk at run time and never copied here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const categories = [
  'xss',
  'injection',
  'code-eval',
  'command-injection',
  'path-traversal',
  'ssrf',
  'prototype-pollution',
  'hardcoded-secret',
  'insecure-crypto',
] as const;
export type Category = (typeof categories)[number];

export interface DataFile {
  file: string;
  content: string;
  split: 'tune' | 'held-out';
}

export interface Label {
  file: string;
  line: number;
  positive: boolean;
  category: Category;
}

/** One reported finding, already mapped to a dataset category. */
export interface Hit {
  file: string;
  line: number;
  category: Category;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  /** False positives on lines the dataset labels `negative` (a subset of fp). */
  fpOnNegative: number;
}

export function defaultDataDir(): string {
  return resolve(process.env['SHIPGATE_BENCH_DATA'] ?? '../shared/bench-data', 'semgrep-js-ts-dev');
}

/**
 * Held-out files are those whose salted path hash is odd: fixed, independent of their content.
 * Salted because the dev half itself was chosen by the unsalted hash of the path.
 */
export function splitOf(file: string): DataFile['split'] {
  const byte = createHash('sha256').update(`shipgate-split:${file}`).digest()[0] ?? 0;
  return byte % 2 === 0 ? 'tune' : 'held-out';
}

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const isCategory = (c: unknown): c is Category =>
  typeof c === 'string' && (categories as readonly string[]).includes(c);

export function loadDataset(dir: string): { files: DataFile[]; labels: Label[] } | undefined {
  if (!existsSync(join(dir, 'files.jsonl'))) return undefined;
  const files = readJsonl(join(dir, 'files.jsonl')).map((r) => {
    const file = String(r['file']);
    const content = String(r['content_stripped'] ?? r['content']);
    return { file, content, split: splitOf(file) };
  });
  const labels: Label[] = [];
  for (const r of readJsonl(join(dir, 'labels.jsonl'))) {
    if (r['ambiguous'] === true || !isCategory(r['category'])) continue;
    labels.push({
      file: String(r['file']),
      line: Number(r['line']),
      positive: r['label'] === 'positive',
      category: r['category'],
    });
  }
  return { files, labels };
}

const key = (h: { file: string; line: number; category: string }): string =>
  `${h.file}:${h.line}:${h.category}`;

/** Line-level scores per category: a hit counts once per (file, line, category). */
export function scoreHits(labels: readonly Label[], hits: readonly Hit[]): Map<Category, Counts> {
  const positive = new Set(labels.filter((l) => l.positive).map(key));
  const negative = new Set(labels.filter((l) => !l.positive).map(key));
  const found = new Set(hits.map(key));
  const out = new Map<Category, Counts>(
    categories.map((c) => [c, { tp: 0, fp: 0, fn: 0, fpOnNegative: 0 }]),
  );
  for (const l of labels) {
    if (!l.positive) continue;
    const c = out.get(l.category) as Counts;
    if (found.has(key(l))) c.tp++;
    else c.fn++;
  }
  const seen = new Set<string>();
  for (const h of hits) {
    const k = key(h);
    if (positive.has(k) || seen.has(k)) continue;
    seen.add(k);
    const c = out.get(h.category) as Counts;
    c.fp++;
    if (negative.has(k)) c.fpOnNegative++;
  }
  return out;
}

export function sumCounts(m: Map<Category, Counts>): Counts {
  const t: Counts = { tp: 0, fp: 0, fn: 0, fpOnNegative: 0 };
  for (const c of m.values())
    for (const k of ['tp', 'fp', 'fn', 'fpOnNegative'] as const) t[k] += c[k];
  return t;
}

export function precisionRecall(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

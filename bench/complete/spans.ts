/**
 * Post-processing quality: cut spans out of real TypeScript files, simulate what
 * a FIM model sends back for each (the true middle plus one of the usual faults),
 * and count how often post-processing returns exactly the true middle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { postProcess } from '../../src/complete/post/post-process.js';
import { cutAtStop } from '../../src/complete/post/stop-tokens.js';
import { fimTemplates } from '../../src/complete/fim-templates.js';

export interface Span {
  file: string;
  kind: 'rest-of-line' | 'mid-line' | 'block';
  prefix: string;
  middle: string;
  suffix: string;
}

export const faults = [
  'clean',
  'junk-after-stop',
  'suffix-overlap',
  'runaway',
  'extra-closer',
  'repetition',
] as const;
export type Fault = (typeof faults)[number];

/** mulberry32: a small deterministic PRNG, so every run scores the same spans. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.ts$/.test(name) && !/\.(d|test|spec)\.ts$/.test(name)) out.push(path);
  }
}

/** Real TypeScript sources shipped in installed packages (`<pkg>/src/**.ts`). */
export function sourceFiles(root: string, max: number): string[] {
  const files: string[] = [];
  for (const pkg of ['ai', '@ai-sdk/provider-utils', '@ai-sdk/openai', 'pg-protocol', 'zod']) {
    const src = join(root, 'node_modules', pkg, 'src');
    try {
      walk(src, files);
    } catch {
      // the package has no src/ in this install
    }
  }
  return files.filter((f) => statSync(f).size > 2_000 && statSync(f).size < 60_000).slice(0, max);
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return starts;
}

function blockSpan(text: string, lines: string[], i: number): Omit<Span, 'file'> | null {
  const opener = lines[i] as string;
  if (!/\{\s*$/.test(opener)) return null;
  const base = indentOf(opener);
  let j = i + 1;
  while (
    j < lines.length &&
    !(indentOf(lines[j] as string) === base && /^\s*\}/.test(lines[j] as string))
  )
    j += 1;
  if (j >= lines.length || j - i < 2 || j - i > 9) return null;
  const starts = lineStarts(lines);
  const first = lines[i + 1] as string;
  if (first.trim() === '') return null;
  const cursor = (starts[i + 1] as number) + indentOf(first);
  const end = (starts[j] as number) - 1;
  return {
    kind: 'block',
    prefix: text.slice(0, cursor),
    middle: text.slice(cursor, end),
    suffix: text.slice(end),
  };
}

function lineSpan(
  text: string,
  lines: string[],
  i: number,
  r: () => number,
): Omit<Span, 'file'> | null {
  const line = lines[i] as string;
  const start = indentOf(line);
  if (line.trim().length < 6 || line.trim().startsWith('//') || line.trim().startsWith('*'))
    return null;
  const starts = lineStarts(lines);
  const col = start + 1 + Math.floor(r() * (line.length - start - 1));
  const closers = /[)\]};,]+$/.exec(line);
  const mid = closers && closers.index > col && r() < 0.5;
  const endCol = mid ? (closers as RegExpExecArray).index : line.length;
  const at = (starts[i] as number) + col;
  const end = (starts[i] as number) + endCol;
  if (end <= at) return null;
  return {
    kind: mid ? 'mid-line' : 'rest-of-line',
    prefix: text.slice(0, at),
    middle: text.slice(at, end),
    suffix: text.slice(end),
  };
}

export function spansOf(file: string, text: string, perFile: number, r: () => number): Span[] {
  const lines = text.split('\n');
  const out: Span[] = [];
  for (let tries = 0; out.length < perFile && tries < perFile * 20; tries += 1) {
    const i = Math.floor(r() * (lines.length - 1));
    const span = r() < 0.4 ? blockSpan(text, lines, i) : lineSpan(text, lines, i, r);
    if (span && span.middle.trim() !== '') out.push({ file, ...span });
  }
  return out;
}

const stop = fimTemplates.qwen.stop;

/** What a model might send back for a span with this fault; null when the fault does not apply. */
export function simulate(span: Span, fault: Fault, r: () => number): string | null {
  const { middle, suffix } = span;
  const suffixLines = suffix.split('\n');
  switch (fault) {
    case 'clean':
      return `${middle}<|endoftext|>`;
    case 'junk-after-stop': {
      const at = Math.floor(r() * Math.max(1, span.prefix.length - 80));
      return `${middle}<|file_sep|>${span.prefix.slice(at, at + 80)}`;
    }
    case 'suffix-overlap': {
      const take = suffix.startsWith('\n') ? suffixLines.slice(0, 2).join('\n') : suffixLines[0];
      return take && take.trim() !== '' ? `${middle}${take}` : null;
    }
    case 'runaway': {
      const more = suffixLines.slice(0, 6).join('\n');
      return more.trim() === '' ? null : `${middle}${more}<|endoftext|>`;
    }
    case 'extra-closer': {
      const c = suffix.trimStart()[0];
      return c && ')]}'.includes(c) ? `${middle}${c}` : null;
    }
    case 'repetition': {
      const last = middle.split('\n').at(-1) as string;
      return last.trim().length < 4 ? null : `${middle}\n${last}\n${last}\n${last}`;
    }
  }
}

export interface QualityRow {
  fault: Fault;
  cases: number;
  raw: number;
  stopOnly: number;
  processed: number;
}

export function scoreSpans(spans: Span[], r: () => number): QualityRow[] {
  return faults.map((fault) => {
    const row: QualityRow = { fault, cases: 0, raw: 0, stopOnly: 0, processed: 0 };
    for (const span of spans) {
      const out = simulate(span, fault, r);
      if (out === null) continue;
      row.cases += 1;
      if (out === span.middle) row.raw += 1;
      if (cutAtStop(out, stop) === span.middle) row.stopOnly += 1;
      const done = postProcess({ text: out, prefix: span.prefix, suffix: span.suffix, stop });
      if (done === span.middle) row.processed += 1;
    }
    return row;
  });
}

export function loadSpans(root: string, files: number, perFile: number, seed: number): Span[] {
  const r = rng(seed);
  return sourceFiles(root, files).flatMap((f) =>
    spansOf(f.slice(root.length + 1), readFileSync(f, 'utf8'), perFile, r),
  );
}

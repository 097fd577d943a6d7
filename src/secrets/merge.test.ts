import { describe, expect, it } from 'vitest';
import { mergeMatches } from './merge.js';
import type { RawMatch } from './types.js';

const sources: RawMatch['source'][] = ['provider', 'secretlint', 'generic'];
const rank: Record<RawMatch['source'], number> = { provider: 3, secretlint: 2, generic: 1 };

/** The merge as first written: every candidate checked against every kept match. */
function naiveMerge(text: string, matches: readonly RawMatch[]): RawMatch[] {
  const ranked = [...matches]
    .filter((m) => m.end > m.start)
    .sort((a, b) => rank[b.source] - rank[a.source] || a.end - a.start - (b.end - b.start));
  const kept: RawMatch[] = [];
  for (const c of ranked) {
    const hit = kept.find((k) => k.start < c.end && c.start < k.end);
    if (!hit) kept.push({ ...c });
    else if (!(c.start <= hit.start && c.end >= hit.end)) {
      hit.start = Math.min(hit.start, c.start);
      hit.end = Math.max(hit.end, c.end);
      hit.secret = text.slice(hit.start, hit.end);
    }
  }
  const out: RawMatch[] = [];
  for (const m of kept.sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      last.secret = text.slice(last.start, last.end);
    } else out.push(m);
  }
  return out;
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomMatches(next: () => number, length: number, count: number): RawMatch[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor(next() * length);
    const width = next() < 0.1 ? Math.floor(next() * 2000) : Math.floor(next() * 60);
    const end = Math.min(length, start + width);
    const source = sources[Math.floor(next() * 3)] as RawMatch['source'];
    return { rule: `r${i}`, start, end, secret: '', severity: 'high', source };
  });
}

describe('mergeMatches', () => {
  it('merges exactly as the all-pairs merge does, on 300 random sets of overlapping matches', () => {
    const text = 'x'.repeat(5_000);
    for (let seed = 1; seed <= 300; seed += 1) {
      const next = random(seed);
      const matches = randomMatches(next, text.length, 1 + Math.floor(next() * 120));
      expect(mergeMatches(text, matches), `seed ${seed}`).toEqual(naiveMerge(text, matches));
    }
  });

  it('keeps the narrower, higher-ranked match, widened by what a lower one sticks out', () => {
    const text = 'postgres://user:hunter2secret@db.example.com/app';
    const at = (start: number, end: number, source: RawMatch['source']): RawMatch => ({
      rule: source,
      start,
      end,
      secret: text.slice(start, end),
      severity: 'high',
      source,
    });
    // the whole URI holds the password: the password alone is kept
    expect(mergeMatches(text, [at(0, text.length, 'generic'), at(16, 29, 'provider')])).toEqual([
      at(16, 29, 'provider'),
    ]);
    // a lower match reaching past the password's end widens it
    expect(mergeMatches(text, [at(20, 35, 'generic'), at(16, 29, 'provider')])).toEqual([
      { ...at(16, 35, 'provider'), rule: 'provider' },
    ]);
  });

  it('stays near-linear in the number of findings: 40,000 adjacent matches merge in well under a second', () => {
    const text = 'k'.repeat(400_000);
    const matches = Array.from({ length: 40_000 }, (_, i) => ({
      rule: 'generic-password',
      start: i * 10,
      end: i * 10 + 8,
      secret: 'kkkkkkkk',
      severity: 'high' as const,
      source: 'generic' as const,
    }));
    const started = performance.now();
    expect(mergeMatches(text, matches)).toHaveLength(40_000);
    // all-pairs: 800 million overlap checks, several seconds
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

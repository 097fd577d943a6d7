import { KeptIndex } from './kept-index.js';
import type { RawMatch } from './types.js';

const sourceRank: Record<RawMatch['source'], number> = { provider: 3, secretlint: 2, generic: 1 };

/**
 * Merges overlapping matches from all engines. The most specific match wins:
 * own provider rules over secretlint over the entropy heuristic, then the
 * narrower range (a password inside a connection string beats the whole URI).
 * A lower-ranked match that sticks out of the winner on one side widens it,
 * so no part of a secret is left unmasked.
 */
export function mergeMatches(text: string, matches: readonly RawMatch[]): RawMatch[] {
  const ranked = [...matches]
    .filter((m) => m.end > m.start)
    .sort(
      (a, b) => sourceRank[b.source] - sourceRank[a.source] || a.end - a.start - (b.end - b.start),
    );
  const kept = new KeptIndex();
  for (const candidate of ranked) {
    const hit = kept.firstOverlapping(candidate);
    if (!hit) {
      kept.add({ ...candidate });
      continue;
    }
    const contains = candidate.start <= hit.start && candidate.end >= hit.end;
    if (contains) continue;
    kept.widen(hit, candidate.start, candidate.end);
    hit.secret = text.slice(hit.start, hit.end);
  }
  return collapse(
    text,
    [...kept.items].sort((a, b) => a.start - b.start),
  );
}

/** Widening can make kept matches overlap each other; fold those together. */
function collapse(text: string, sorted: RawMatch[]): RawMatch[] {
  const out: RawMatch[] = [];
  for (const match of sorted) {
    const last = out.at(-1);
    if (last && match.start < last.end) {
      last.end = Math.max(last.end, match.end);
      last.secret = text.slice(last.start, last.end);
    } else out.push(match);
  }
  return out;
}

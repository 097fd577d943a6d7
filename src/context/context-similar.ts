import { snippet, type ContextCandidate } from './candidate.js';
import { fenceTag } from './languages.js';
import type { RepoIndex } from './repo-index.js';

const maxSimilar = 8;

type Range = NonNullable<ContextCandidate['lines']>;

function overlaps(a: Range, b: Range): boolean {
  return a.path === b.path && a.start <= b.end && b.start <= a.end;
}

/** Chunks most similar to the spec (BM25), not from the target file and not already picked. */
export function similarCandidates(
  index: RepoIndex,
  query: string,
  target: string | undefined,
  taken: Range[],
): ContextCandidate[] {
  const hits = index.search(query, { limit: maxSimilar * 2, exclude: (path) => path === target });
  const out: ContextCandidate[] = [];
  for (const hit of hits) {
    const range = { path: hit.path, start: hit.chunk.startLine, end: hit.chunk.endLine };
    if (taken.some((t) => overlaps(t, range))) continue;
    taken.push(range);
    const source = `${hit.path}:${range.start}-${range.end}`;
    const terms = hit.terms.slice(0, 6).join(', ');
    out.push({
      kind: 'similar',
      source,
      lines: range,
      reason: `lexical match with the spec (BM25 ${hit.score.toFixed(1)}) on: ${terms}`,
      content: snippet(
        `Similar code in \`${source}\`:`,
        fenceTag(hit.path),
        index.lines(hit.path, range.start, range.end),
      ),
    });
    if (out.length >= maxSimilar) break;
  }
  return out;
}

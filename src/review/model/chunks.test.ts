import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../diff.js';
import type { ReviewFile } from '../gate-review.js';
import { parseModelAnswer } from './answer.js';
import { chunkFiles } from './chunks.js';

function file(path: string, hunks: number, linesPerHunk: number): ReviewFile {
  const parts: string[] = [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`];
  const head: string[] = [];
  for (let h = 0; h < hunks; h += 1) {
    const start = h * (linesPerHunk + 40) + 1;
    while (head.length < start - 1) head.push(`// context ${head.length + 1}`);
    parts.push(`@@ -${start},0 +${start},${linesPerHunk} @@`);
    for (let i = 0; i < linesPerHunk; i += 1) {
      const text = `const v${h}_${i} = compute(${i}, "some longer text to take up tokens");`;
      parts.push(`+${text}`);
      head.push(text);
    }
  }
  const [diff] = parseUnifiedDiff(`${parts.join('\n')}\n`);
  if (!diff) throw new Error('no diff');
  return { diff, head: `${head.join('\n')}\n`, base: null };
}

describe('chunkFiles', () => {
  it('keeps a file in one chunk while it fits, else splits by hunk', () => {
    const small = chunkFiles([file('a.ts', 3, 5)], 10_000);
    expect(small.chunks).toHaveLength(1);
    expect([...(small.chunks[0]?.anchors ?? [])]).toHaveLength(15);
    const split = chunkFiles([file('a.ts', 3, 5)], 400);
    expect(split.chunks.length).toBeGreaterThan(1);
    expect(split.chunks.every((c) => c.tokens <= 400)).toBe(true);
  });

  it('reports a hunk larger than the window instead of cutting it', () => {
    const { chunks, tooLarge } = chunkFiles([file('big.ts', 1, 200)], 500);
    expect(chunks).toEqual([]);
    expect(tooLarge).toEqual([{ file: 'big.ts', line: 1 }]);
  });
});

describe('parseModelAnswer', () => {
  it('accepts the schema (fenced or not) and says why otherwise', () => {
    const ok =
      '```json\n{"findings":[{"file":"a.ts","line":2,"severity":"high","category":"security","message":"m"}]}\n```';
    expect(parseModelAnswer(ok).ok).toBe(true);
    expect(parseModelAnswer('{"findings": [{"file": "a.ts"')).toEqual({
      ok: false,
      reason: 'the answer was not valid JSON',
    });
    const wrong = parseModelAnswer(
      '{"findings":[{"file":"a.ts","line":0,"severity":"bad","category":"x","message":"m"}]}',
    );
    expect(wrong.ok).toBe(false);
  });
});

import type { DiffHunk } from './diff.js';

/**
 * The base version of a file, rebuilt from its head version and the diff (the hunks
 * applied in reverse). Returns null when the hunks do not match the head text — the
 * working tree is not the diff's head — so the caller falls back to changed lines only.
 */
export function baseFromHead(head: string, hunks: readonly DiffHunk[]): string | null {
  const lines = head.split('\n');
  const out: string[] = [];
  let next = 1;
  for (const hunk of [...hunks].sort((a, b) => a.newStart - b.newStart)) {
    const start = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
    if (start < next) return null;
    out.push(...lines.slice(next - 1, start - 1));
    let line = start;
    for (const entry of hunk.lines) {
      if (entry.kind === '-') {
        out.push(entry.text);
        continue;
      }
      if (lines[line - 1] !== entry.text) return null;
      if (entry.kind === ' ') out.push(entry.text);
      line += 1;
    }
    next = line;
  }
  out.push(...lines.slice(next - 1));
  return out.join('\n');
}

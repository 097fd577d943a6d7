import type { DiffHunk } from '../diff.js';
import type { ReviewFile } from '../gate-review.js';
import { enclosingSpan, functionSpans, type LineSpan } from './enclosing.js';

/** A piece of the diff the model reviews in one call. */
export interface ReviewChunk {
  file: string;
  /** The rendered hunks with head line numbers, and the surrounding code. */
  text: string;
  /** Head lines shown as part of the diff: the only valid anchors for inline findings. */
  anchors: Set<number>;
  /** Estimated prompt tokens of `text`. */
  tokens: number;
}

/** About four characters a token for code: a cheap, conservative estimate. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

const contextLines = 15;

/** Head lines the hunk covers (a pure deletion covers the line after it). */
function hunkRange(hunk: DiffHunk): { from: number; to: number } {
  const shown = hunk.lines.filter((l) => l.kind !== '-').length;
  return { from: hunk.newStart, to: hunk.newStart + Math.max(0, shown - 1) };
}

/**
 * A hunk with head line numbers, shown with the whole function around it when one
 * encloses it (and is not huge), else with `contextLines` around it.
 */
function renderHunk(
  hunk: DiffHunk,
  head: string[],
  spans: readonly LineSpan[],
): { text: string; anchors: number[] } {
  const anchors: number[] = [];
  const out: string[] = [];
  const range = hunkRange(hunk);
  const around = enclosingSpan(spans, range.from, range.to);
  const first = Math.max(1, Math.min(hunk.newStart - contextLines, around?.start ?? Infinity));
  for (let line = first; line < hunk.newStart; line += 1)
    out.push(`${line}   ${head[line - 1] ?? ''}`);
  let line = hunk.newStart;
  for (const entry of hunk.lines) {
    if (entry.kind === '-') {
      out.push(`-    ${entry.text}`);
      continue;
    }
    anchors.push(line);
    out.push(`${line} ${entry.kind === '+' ? '+' : ' '} ${entry.text}`);
    line += 1;
  }
  const last = Math.min(head.length, Math.max(line - 1 + contextLines, around?.end ?? 0));
  for (let n = line; n <= last; n += 1) out.push(`${n}   ${head[n - 1] ?? ''}`);
  return { text: out.join('\n'), anchors };
}

/**
 * Splits the reviewable files into chunks of at most `maxTokens` each: one file's hunks
 * together while they fit, else hunk by hunk. A single hunk larger than the budget is
 * returned in `tooLarge` (reported as skipped, never silently cut).
 */
export function chunkFiles(
  files: readonly ReviewFile[],
  maxTokens: number,
): { chunks: ReviewChunk[]; tooLarge: { file: string; line: number }[] } {
  const chunks: ReviewChunk[] = [];
  const tooLarge: { file: string; line: number }[] = [];
  for (const file of files) {
    const head = file.head.split('\n');
    const spans = functionSpans(file.diff.path, file.head);
    let current: ReviewChunk | null = null;
    for (const hunk of file.diff.hunks) {
      const rendered = renderHunk(hunk, head, spans);
      const tokens = estimateTokens(rendered.text);
      if (tokens > maxTokens) {
        tooLarge.push({ file: file.diff.path, line: hunk.newStart });
        continue;
      }
      if (current && current.tokens + tokens <= maxTokens) {
        current.text += `\n...\n${rendered.text}`;
        current.tokens += tokens;
        rendered.anchors.forEach((a) => current?.anchors.add(a));
        continue;
      }
      current = {
        file: file.diff.path,
        text: rendered.text,
        anchors: new Set(rendered.anchors),
        tokens,
      };
      chunks.push(current);
    }
  }
  return { chunks, tooLarge };
}

import type { ChunkRange, SymbolDef } from './types.js';

/** Longest chunk, in lines; longer definitions are split into windows. */
export const maxChunkLines = 60;
/** Window for files without symbols (and for long gaps). */
const windowLines = 40;

function windows(startLine: number, endLine: number, size: number, symbol?: string): ChunkRange[] {
  const out: ChunkRange[] = [];
  for (let start = startLine; start <= endLine; start += size) {
    const end = Math.min(endLine, start + size - 1);
    out.push(
      symbol ? { startLine: start, endLine: end, symbol } : { startLine: start, endLine: end },
    );
  }
  return out;
}

function nonBlankLines(lines: string[], startLine: number, endLine: number): number {
  let count = 0;
  for (let i = startLine - 1; i < endLine; i++) if ((lines[i] ?? '').trim() !== '') count++;
  return count;
}

/**
 * Splits a file into chunks for lexical retrieval: one chunk per top-level
 * definition (split when longer than `maxChunkLines`), and the code between
 * definitions as its own chunks when it has at least 3 non-blank lines.
 * Files without symbols are cut into fixed windows.
 */
export function chunkFile(text: string, symbols: SymbolDef[]): ChunkRange[] {
  const lines = text.split('\n');
  const total = lines.length;
  const topLevel = symbols
    .filter((s) => s.kind !== 'method')
    .sort((a, b) => a.startLine - b.startLine);
  const chunks: ChunkRange[] = [];
  let cursor = 1;
  const gap = (until: number): void => {
    if (until >= cursor && nonBlankLines(lines, cursor, until) >= 3)
      chunks.push(...windows(cursor, until, windowLines));
  };
  for (const symbol of topLevel) {
    if (symbol.startLine < cursor) continue;
    gap(symbol.startLine - 1);
    chunks.push(...windows(symbol.startLine, symbol.endLine, maxChunkLines, symbol.name));
    cursor = symbol.endLine + 1;
  }
  gap(total);
  return chunks;
}

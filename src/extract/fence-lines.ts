/**
 * Line-level CommonMark helpers: indentation in columns (tabs stop every 4),
 * stripping columns of indentation, and recognising opening and closing code
 * fences (spec §4.5, "Fenced code blocks").
 */

export interface OpeningFence {
  /** '`' or '~'. */
  char: '`' | '~';
  /** Number of fence characters (>= 3). */
  length: number;
  /** Columns of indentation before the fence (0–3), stripped from content lines. */
  indent: number;
  /** Info string, trimmed (may be empty). */
  info: string;
}

/** Width of the leading whitespace in columns, and how many characters it spans. */
export function leadingIndent(line: string): { columns: number; chars: number } {
  let columns = 0;
  let chars = 0;
  for (; chars < line.length; chars++) {
    const ch = line[chars];
    if (ch === ' ') columns += 1;
    else if (ch === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, chars };
}

export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/**
 * Removes up to `columns` columns of leading whitespace; a tab that is only
 * partly consumed leaves the rest of its width as spaces (as CommonMark does).
 */
export function stripColumns(line: string, columns: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < columns) {
    const ch = line[i];
    if (ch === ' ') {
      col += 1;
      i += 1;
    } else if (ch === '\t') {
      const width = 4 - (col % 4);
      if (col + width > columns) return ' '.repeat(col + width - columns) + line.slice(i + 1);
      col += width;
      i += 1;
    } else break;
  }
  return line.slice(i);
}

const openingFence = /^(`{3,}|~{3,})(.*)$/;

/** Parses `line` (container indentation already removed) as an opening fence. */
export function parseOpeningFence(line: string): OpeningFence | null {
  const { columns, chars } = leadingIndent(line);
  if (columns > 3) return null;
  const match = openingFence.exec(line.slice(chars));
  if (!match) return null;
  const fence = match[1] ?? '';
  const char = fence[0] === '~' ? '~' : '`';
  const info = (match[2] ?? '').trim();
  // Backtick fences cannot have a backtick in their info string (that is inline code).
  if (char === '`' && info.includes('`')) return null;
  return { char, length: fence.length, indent: columns, info };
}

/** True when `line` closes a block opened by `open`: same char, at least as long, nothing after. */
export function isClosingFence(line: string, open: OpeningFence): boolean {
  const { columns, chars } = leadingIndent(line);
  if (columns > 3) return false;
  const rest = line.slice(chars);
  let n = 0;
  while (n < rest.length && rest[n] === open.char) n += 1;
  return n >= open.length && isBlank(rest.slice(n));
}

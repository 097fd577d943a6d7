/**
 * A bracket scanner for code, good enough to balance completions: it skips
 * string literals and comments (C-family and `#` languages) and reports the
 * first closer that matches nothing.
 */
const pairs: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const openers = new Set(['(', '[', '{']);

export interface ScanResult {
  /** Openers still open, innermost last. */
  stack: string[];
  /** Index of the first closer without its opener, or -1. */
  errorAt: number;
}

/** Index just past a string literal starting at `i` (its quote), or the line end for an unclosed one. */
function skipString(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === quote) return j + 1;
    else if (c === '\n' && quote !== '`') return j;
    else j += 1;
  }
  return j;
}

function skipComment(text: string, i: number, hash: boolean): number {
  const two = text.slice(i, i + 2);
  if (two === '//' || (hash && text[i] === '#')) {
    const nl = text.indexOf('\n', i);
    return nl === -1 ? text.length : nl;
  }
  if (two === '/*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

export function scanBrackets(text: string, start: string[] = [], hashComments = false): ScanResult {
  const stack = [...start];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    const past = skipComment(text, i, hashComments);
    if (past !== i) {
      i = past;
      continue;
    }
    if (openers.has(c)) stack.push(c);
    else if (c in pairs) {
      if (stack[stack.length - 1] !== pairs[c]) return { stack, errorAt: i };
      stack.pop();
    }
    i += 1;
  }
  return { stack, errorAt: -1 };
}

/** The openers left open at the end of the prefix (a closer without an opener resets the count). */
export function openAtEnd(prefix: string, hashComments = false): string[] {
  let stack: string[] = [];
  let rest = prefix;
  for (;;) {
    const r = scanBrackets(rest, stack, hashComments);
    if (r.errorAt === -1) return r.stack;
    stack = [];
    rest = rest.slice(r.errorAt + 1);
  }
}

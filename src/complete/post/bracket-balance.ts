/**
 * Balances a completion against the brackets around it: text after a closer that
 * closes more than the prefix opened is cut (the model left the enclosing block),
 * and trailing closers the suffix already provides are dropped (the editor had
 * auto-closed them).
 */
import { openAtEnd, scanBrackets } from './brackets.js';

/** How far into the suffix the brackets stay consistent (Infinity: all the way). */
function suffixScore(completion: string, open: string[], suffix: string, hash: boolean): number {
  const after = scanBrackets(completion, open, hash);
  if (after.errorAt !== -1) return -1;
  const r = scanBrackets(suffix, after.stack, hash);
  return r.errorAt === -1 ? Infinity : r.errorAt;
}

const trailingCloser = /[)\]}][\s;,]*$/;

export function balanceBrackets(
  text: string,
  prefix: string,
  suffix: string,
  hashComments = false,
): string {
  const open = openAtEnd(prefix, hashComments);
  const own = scanBrackets(text, open, hashComments);
  let out = own.errorAt === -1 ? text : text.slice(0, own.errorAt).trimEnd();
  const window = suffix.slice(0, 2_000);
  let score = suffixScore(out, open, window, hashComments);
  while (score !== Infinity) {
    const m = trailingCloser.exec(out);
    if (!m) break;
    const shorter = out.slice(0, m.index).trimEnd();
    const next = suffixScore(shorter, open, window, hashComments);
    if (next <= score) break;
    out = shorter;
    score = next;
  }
  return out;
}

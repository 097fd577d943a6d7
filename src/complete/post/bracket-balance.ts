/**
 * Balances a completion against the brackets around it: text after a closer that
 * closes more than the prefix opened is cut (the model left the enclosing block),
 * and trailing closers the suffix already provides are dropped (the editor had
 * auto-closed them). The completion is scanned after the end of the prefix, so a
 * string or template literal the prefix left open is still open in it.
 */
import { scanBrackets, type ScanResult } from './brackets.js';

/** Prefix context scanned before the completion (from a line start). */
const prefixWindow = 4_000;
const suffixWindow = 2_000;

/** Scans `text`; closers that match nothing before `from` reset the stack (the window cut their openers). */
function scanFrom(text: string, from: number, hash: boolean): ScanResult {
  let stack: string[] = [];
  let offset = 0;
  for (;;) {
    const r = scanBrackets(text.slice(offset), stack, hash);
    if (r.errorAt === -1) return r;
    const at = offset + r.errorAt;
    if (at >= from) return { stack: r.stack, errorAt: at };
    stack = [];
    offset = at + 1;
  }
}

function windowOf(prefix: string): string {
  if (prefix.length <= prefixWindow) return prefix;
  const cut = prefix.indexOf('\n', prefix.length - prefixWindow);
  return cut === -1 ? prefix.slice(-prefixWindow) : prefix.slice(cut + 1);
}

const trailingCloser = /[)\]}][\s;,]*$/;

export function balanceBrackets(
  text: string,
  prefix: string,
  suffix: string,
  hashComments = false,
): string {
  const pre = windowOf(prefix);
  const post = suffix.slice(0, suffixWindow);
  const own = scanFrom(pre + text, pre.length, hashComments);
  let out = own.errorAt === -1 ? text : text.slice(0, own.errorAt - pre.length).trimEnd();
  /** How far into the suffix the brackets stay consistent (Infinity: all the way). */
  const score = (completion: string): number => {
    const r = scanFrom(pre + completion + post, pre.length, hashComments);
    if (r.errorAt === -1) return Infinity;
    const into = r.errorAt - pre.length - completion.length;
    return into < 0 ? -1 : into;
  };
  let current = score(out);
  while (current !== Infinity) {
    const m = trailingCloser.exec(out);
    if (!m) break;
    const shorter = out.slice(0, m.index).trimEnd();
    const next = score(shorter);
    if (next <= current) break;
    out = shorter;
    current = next;
  }
  return out;
}

import type { FindingSpec } from './types.js';

/**
 * Generated code can nest thousands deep on the right (`a = b = c = …`, `x ? 1 : y ? 2 : …`),
 * where the recursive walk, flow evaluation and rules run out of call stack. The engine walks
 * each statement through `overflowed`: a statement too deep to walk is skipped and noted
 * (`tooDeep`), and the rest of the file is analysed as usual. A file too deep for the parser
 * itself gets the note once, at its first line.
 */

/**
 * Runs `walk`; true when it ran out of call stack (V8's RangeError "Maximum call stack size
 * exceeded"), which is then swallowed. Any other error, another RangeError included, is rethrown.
 */
export function overflowed(walk: () => void): boolean {
  try {
    walk();
    return false;
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return true;
    throw e;
  }
}

/** The note on what was not analysed: low, so findings elsewhere decide the verdict. */
export function tooDeep(what: 'statement' | 'file'): FindingSpec {
  return {
    rule: 'analysis-limit',
    cwe: 'CWE-1124',
    severity: what === 'file' ? 'medium' : 'low',
    message:
      what === 'file'
        ? 'This file nests too deeply for the parser: it was not checked for security problems.'
        : 'This statement nests too deeply to analyse (thousands of levels): it was skipped; the rest of the file was checked.',
    fix: 'Split the deeply nested expression (a long `a = b = …` or `?:` chain) into statements, or generate it as data (an array or a lookup table).',
  };
}

import ts from '../../lib/typescript.cjs';
import { parseSource } from '../ast.js';
import { overflowed, tooDeep } from './deep-nesting.js';
import { Engine, type RawFinding } from './engine.js';
import { securityRules } from './rules.js';
import type { SecurityRule } from './types.js';

const kinds: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

function extensionOf(path: string): string {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : '';
}

/** Script kind for a JS/TS file, or undefined when the file is not JS/TS. */
export function scriptKindFor(path: string): ts.ScriptKind | undefined {
  const ext = extensionOf(path);
  return Object.hasOwn(kinds, ext) ? kinds[ext] : undefined;
}

/**
 * Runs the rules over one JS/TS file. The parser is tolerant: syntax errors still give a tree,
 * and the rules report what they can find in it.
 */
export function analyzeSource(
  path: string,
  content: string,
  rules: readonly SecurityRule[] = securityRules,
): RawFinding[] {
  let sf: ts.SourceFile | undefined;
  if (overflowed(() => (sf = parseSource(path, content))) || !sf)
    return [{ ...tooDeep('file'), line: 1, column: 1, endLine: 1 }];
  const findings = new Engine(sf, rules).run();
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

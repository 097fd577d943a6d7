/**
 * The functions of a changed file, as line spans, so the model reviews a hunk
 * with the whole function around it (a narrowed guard means nothing without the
 * code it guards) rather than a fixed window of lines. JavaScript and TypeScript
 * only; other files keep the fixed window.
 */
import ts from '../../lib/typescript.cjs';

/** 1-based, inclusive. */
export interface LineSpan {
  start: number;
  end: number;
}

/** A function longer than this is shown as the fixed window instead (the prompt stays small). */
export const maxFunctionLines = 150;

const scriptKinds: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

function isFunctionLike(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** Every function-like node's span, outermost first. */
export function functionSpans(path: string, text: string): LineSpan[] {
  const ext = /\.[cm]?[jt]sx?$/.exec(path)?.[0];
  const kind = ext ? scriptKinds[ext] : undefined;
  if (kind === undefined) return [];
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const spans: LineSpan[] = [];
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) {
      // a function assigned to a variable starts at its statement (`export const f = () => …`)
      const holder = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
      spans.push({ start: lineOf(holder.getStart(file)), end: lineOf(node.getEnd()) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return spans;
}

/** The innermost span holding all of `from..to` and no longer than `maxFunctionLines`. */
export function enclosingSpan(
  spans: readonly LineSpan[],
  from: number,
  to: number,
): LineSpan | null {
  let best: LineSpan | null = null;
  for (const span of spans) {
    if (span.start > from || span.end < to) continue;
    if (span.end - span.start + 1 > maxFunctionLines) continue;
    if (!best || span.end - span.start < best.end - best.start) best = span;
  }
  return best;
}

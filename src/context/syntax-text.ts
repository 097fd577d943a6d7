import type { Node } from 'web-tree-sitter';

/** Longest signature kept for a type, interface or constant (lines). */
export const maxSignatureLines = 30;

/** Keeps the first `max` lines of `text`, marking what was dropped. */
export function capLines(text: string, max = maxSignatureLines): string {
  const lines = text.split('\n');
  if (lines.length <= max) return text;
  return [...lines.slice(0, max), `  … (${lines.length - max} more lines)`].join('\n');
}

/** Text of `outer` up to where `body` starts: a declaration's head without its body. */
export function headText(source: string, outer: Node, body: Node | null): string {
  if (!body) return capLines(outer.text.trimEnd());
  return source.slice(outer.startIndex, body.startIndex).trimEnd();
}

/** A `/** … *\/` (or Python `#`) comment ending on the line just before `node`, if any. */
export function leadingDocComment(node: Node): string | undefined {
  const previous = node.previousNamedSibling;
  if (!previous || previous.type !== 'comment') return undefined;
  if (previous.endPosition.row + 1 < node.startPosition.row) return undefined;
  const text = previous.text;
  return text.startsWith('/**') ? capLines(text, 12) : undefined;
}

/** 1-based inclusive line range of a node, starting at its doc comment when it has one. */
export function lineRange(node: Node): { startLine: number; endLine: number } {
  const doc = leadingDocComment(node) ? node.previousNamedSibling : null;
  const start = doc ?? node;
  return { startLine: start.startPosition.row + 1, endLine: node.endPosition.row + 1 };
}

/** The unquoted text of a string literal node. */
export function stringValue(node: Node | null): string | undefined {
  if (!node) return undefined;
  return node.text.replace(/^['"`]|['"`]$/g, '');
}

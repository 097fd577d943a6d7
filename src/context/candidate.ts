import type { ContextKind } from './types.js';

/** A piece of context before the budget decides on it. */
export interface ContextCandidate {
  kind: ContextKind;
  source: string;
  reason: string;
  content: string;
  /** A shorter form to try when `content` does not fit (e.g. a file's outline instead of the file). */
  fallback?: { content: string; reason: string };
  /** The lines of a file it shows, so later candidates can skip overlapping code. */
  lines?: { path: string; start: number; end: number };
}

/** A titled fenced block, the shape every context item takes in the prompt. */
export function snippet(title: string, fence: string, body: string): string {
  const longestRun = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  return `${title}\n${ticks}${fence}\n${body.replace(/\n+$/, '')}\n${ticks}`;
}

/** Whole-word occurrence of an identifier in a text. */
export function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`(^|[^A-Za-z0-9_$])${escaped}($|[^A-Za-z0-9_$])`).test(text);
}

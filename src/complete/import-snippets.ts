/**
 * Snippets for a completion from the context library: the signatures of what
 * the file imports (relative imports and tsconfig aliases), best first. The
 * index is cached on disk by content hash, so only changed files are parsed.
 */
import type { ContextIndexCache } from '../context/context-index-cache.js';
import type { Snippet } from './context-window.js';

/** The code inside a context candidate's fenced block (its title and fences dropped). */
export function fencedBody(content: string): string {
  const lines = content.split('\n');
  const open = lines.findIndex((l) => /^`{3,}/.test(l));
  if (open === -1) return content;
  const ticks = /^`+/.exec(lines[open] as string)?.[0] ?? '```';
  const close = lines.findIndex((l, i) => i > open && l === ticks);
  return lines.slice(open + 1, close === -1 ? undefined : close).join('\n');
}

export async function importSnippets(
  index: ContextIndexCache,
  root: string,
  file: string,
): Promise<Snippet[]> {
  const { importCandidates } = await import('../context/context-imports.js');
  const { loadPathMapping } = await import('../context/tsconfig-paths.js');
  const repo = await index.index(root);
  const candidates = importCandidates(repo, file, await loadPathMapping(root));
  return candidates.map((c) => ({ path: c.source, content: fencedBody(c.content) }));
}

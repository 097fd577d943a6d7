import { snippet, type ContextCandidate } from './candidate.js';
import { fenceTag } from './languages.js';
import type { RepoIndex } from './repo-index.js';
import { resolveImport } from './resolve-import.js';
import type { PathMapping } from './tsconfig-paths.js';
import type { ImportRef, SymbolDef } from './types.js';

/** How many re-export hops (`export * from`, barrels) are followed to find a definition. */
const maxReexportDepth = 3;

interface Found {
  path: string;
  symbol: SymbolDef;
}

function topLevel(symbols: SymbolDef[]): SymbolDef[] {
  return symbols.filter((s) => s.kind !== 'method');
}

/** Definitions of `names` in `path`, following re-exports through barrels. */
function definitionsIn(
  index: RepoIndex,
  path: string,
  names: string[],
  mapping: PathMapping | undefined,
  depth = 0,
): Found[] {
  const facts = index.files.get(path);
  if (!facts) return [];
  const all = names.includes('*') || names.includes('default');
  const wanted = all
    ? topLevel(facts.symbols).filter((s) => s.exported)
    : topLevel(facts.symbols).filter((s) => names.includes(s.name));
  const found: Found[] = wanted.map((symbol) => ({ path, symbol }));
  const missing = all ? [] : names.filter((n) => !wanted.some((s) => s.name === n));
  if (missing.length === 0 || depth >= maxReexportDepth) return found;
  for (const ref of facts.imports.filter((i) => i.reexport)) {
    const forwarded = ref.names.includes('*')
      ? missing
      : missing.filter((n) => ref.names.includes(n));
    if (forwarded.length === 0) continue;
    for (const target of resolveImport(index, path, ref, mapping))
      found.push(...definitionsIn(index, target.path, forwarded, mapping, depth + 1));
  }
  return found;
}

function describeImport(importer: string, ref: ImportRef): string {
  const what = ref.names.length > 0 ? ref.names.join(', ') : 'side effects';
  return `${importer} imports ${what} from '${ref.specifier}' (line ${ref.line})`;
}

/**
 * One candidate per file the target imports (relative imports and tsconfig
 * aliases; packages are skipped): the signatures of the names it imports.
 */
export function importCandidates(
  index: RepoIndex,
  target: string,
  mapping: PathMapping | undefined,
): ContextCandidate[] {
  const facts = index.files.get(target);
  if (!facts) return [];
  const bySource = new Map<string, { reasons: string[]; found: Found[] }>();
  for (const ref of facts.imports) {
    for (const resolved of resolveImport(index, target, ref, mapping)) {
      const found = definitionsIn(index, resolved.path, resolved.names, mapping);
      if (found.length === 0) continue;
      const entry = bySource.get(resolved.path) ?? { reasons: [], found: [] };
      entry.reasons.push(describeImport(target, ref));
      entry.found.push(...found);
      bySource.set(resolved.path, entry);
    }
  }
  return [...bySource.entries()].map(([path, entry]) => {
    const unique = [
      ...new Map(entry.found.map((f) => [`${f.path}:${f.symbol.startLine}`, f])).values(),
    ];
    const body = unique
      .map((f) =>
        f.path === path ? f.symbol.signature : `// from ${f.path}\n${f.symbol.signature}`,
      )
      .join('\n\n');
    return {
      kind: 'import',
      source: path,
      reason: entry.reasons.join('; '),
      content: snippet(
        `Signatures from \`${path}\` (imported by the target file):`,
        fenceTag(path),
        body,
      ),
    };
  });
}

import { mentions, snippet, type ContextCandidate } from './candidate.js';
import { fenceTag } from './languages.js';
import type { RepoIndex } from './repo-index.js';
import { resolveImport } from './resolve-import.js';
import type { PathMapping } from './tsconfig-paths.js';
import type { SymbolDef } from './types.js';

const maxCallers = 8;
/** Lines of a caller shown around its call site when the caller is long. */
const callerWindow = 30;

/**
 * The functions being changed: definitions of the target file named in the
 * spec; without a target file, functions and classes of the index named in it.
 */
export function changedSymbols(index: RepoIndex, query: string, target?: string): SymbolDef[] {
  const own = target ? (index.files.get(target)?.symbols ?? []) : [];
  const pool =
    own.length > 0
      ? own
      : [...index.files.values()].flatMap((f) =>
          f.symbols.filter(
            (s) => s.kind === 'function' || s.kind === 'class' || s.kind === 'method',
          ),
        );
  const minLength = own.length > 0 ? 3 : 4;
  const named = pool.filter((s) => s.name.length >= minLength && mentions(query, s.name));
  return [...new Map(named.map((s) => [s.name, s])).values()].slice(0, 5);
}

function importsTarget(
  index: RepoIndex,
  caller: string,
  target: string | undefined,
  mapping?: PathMapping,
): boolean {
  if (!target) return false;
  const facts = index.files.get(caller);
  return (facts?.imports ?? []).some((ref) =>
    resolveImport(index, caller, ref, mapping).some((r) => r.path === target),
  );
}

function callerBody(line: number, around?: SymbolDef): { start: number; end: number } {
  if (around && around.endLine - around.startLine < callerWindow * 2)
    return { start: around.startLine, end: around.endLine };
  return { start: Math.max(1, line - callerWindow / 2), end: line + callerWindow / 2 };
}

/** Call sites of the changed functions in other files, each with its enclosing function. */
export function callerCandidates(
  index: RepoIndex,
  changed: SymbolDef[],
  target: string | undefined,
  mapping: PathMapping | undefined,
): ContextCandidate[] {
  const seen = new Set<string>();
  const ranked: (ContextCandidate & { rank: number })[] = [];
  for (const symbol of changed) {
    for (const site of index.callSites(symbol.name)) {
      if (site.path === target) continue;
      const around = index.enclosingSymbol(site.path, site.item.line);
      const { start, end } = callerBody(site.item.line, around);
      const source = `${site.path}:${start}-${end}`;
      if (seen.has(source)) continue;
      seen.add(source);
      const linked = importsTarget(index, site.path, target, mapping);
      const where = around ? ` in \`${around.name}\`` : '';
      const link = linked ? `; ${site.path} imports ${target}` : '';
      ranked.push({
        kind: 'caller',
        source,
        lines: { path: site.path, start, end },
        reason: `calls \`${symbol.name}\` at ${site.path}:${site.item.line}${where}${link}`,
        content: snippet(
          `Caller of \`${symbol.name}\` in \`${source}\`:`,
          fenceTag(site.path),
          index.lines(site.path, start, end),
        ),
        rank: linked ? 0 : 1,
      });
    }
  }
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, maxCallers)
    .map(({ rank: _rank, ...candidate }) => candidate);
}

import { posix } from 'node:path';
import type { RepoIndex } from './repo-index.js';
import type { PathMapping } from './tsconfig-paths.js';
import type { ImportRef } from './types.js';

/** A file an import statement brings in, and which of its names. */
export interface ResolvedImport {
  path: string;
  names: string[];
}

const scriptExtensions = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const emittedToSource: Readonly<Record<string, string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function scriptCandidates(base: string): string[] {
  const ext = posix.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  const swapped = (emittedToSource[ext] ?? []).map((e) => stem + e);
  return [
    ...swapped,
    base,
    ...scriptExtensions.map((e) => base + e),
    ...scriptExtensions.map((e) => `${base}/index${e}`),
  ];
}

function aliasTargets(specifier: string, mapping: PathMapping): string[] {
  const out: string[] = [];
  for (const [pattern, targets] of Object.entries(mapping.paths)) {
    const star = pattern.indexOf('*');
    const prefix = star === -1 ? pattern : pattern.slice(0, star);
    const suffix = star === -1 ? '' : pattern.slice(star + 1);
    const matches =
      star === -1
        ? specifier === pattern
        : specifier.startsWith(prefix) && specifier.endsWith(suffix);
    if (!matches) continue;
    const captured =
      star === -1 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const target of targets)
      out.push(posix.join(mapping.baseUrl, target.replace('*', captured)));
  }
  if (mapping.hasBaseUrl) out.push(posix.join(mapping.baseUrl, specifier));
  return out;
}

function firstIndexed(index: RepoIndex, candidates: string[]): string | undefined {
  return candidates.map((c) => posix.normalize(c)).find((c) => index.files.has(c));
}

function resolveScript(
  index: RepoIndex,
  importer: string,
  ref: ImportRef,
  mapping?: PathMapping,
): string | undefined {
  const spec = ref.specifier;
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    return firstIndexed(index, scriptCandidates(posix.join(posix.dirname(importer), spec)));
  }
  if (!mapping) return undefined;
  return firstIndexed(index, aliasTargets(spec, mapping).flatMap(scriptCandidates));
}

function pythonModule(index: RepoIndex, base: string): string | undefined {
  return firstIndexed(index, [`${base}.py`, `${base}/__init__.py`]);
}

function resolvePython(index: RepoIndex, importer: string, ref: ImportRef): ResolvedImport[] {
  const dots = /^\.*/.exec(ref.specifier)?.[0].length ?? 0;
  const rest = ref.specifier.slice(dots).split('.').filter(Boolean).join('/');
  let bases: string[];
  if (dots > 0) {
    let dir = posix.dirname(importer);
    for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
    bases = [dir === '.' ? rest : posix.join(dir, rest)];
  } else {
    bases = [rest, `src/${rest}`];
  }
  for (const base of bases) {
    const module = base === '' ? undefined : pythonModule(index, base);
    if (module) return [{ path: module, names: ref.names }];
    // `from . import x` / `from pkg import submodule`: the names are modules.
    const submodules = ref.names.flatMap((name) => {
      const path = pythonModule(index, posix.join(base, name));
      return path ? [{ path, names: ['*'] }] : [];
    });
    if (submodules.length > 0) return submodules;
  }
  return [];
}

/**
 * Resolves an import of `importer` to indexed files: relative specifiers (with
 * `.js` → `.ts` and `index` files), tsconfig `paths`/`baseUrl` aliases, and
 * Python relative and root-or-`src/` absolute modules. Packages are not resolved.
 */
export function resolveImport(
  index: RepoIndex,
  importer: string,
  ref: ImportRef,
  mapping?: PathMapping,
): ResolvedImport[] {
  if (importer.endsWith('.py')) return resolvePython(index, importer, ref);
  const path = resolveScript(index, importer, ref, mapping);
  return path ? [{ path, names: ref.names }] : [];
}

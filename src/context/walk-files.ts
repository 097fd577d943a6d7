import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Directories never indexed, wherever they are. */
const skippedDirs: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  '.git',
  'coverage',
  '.venv',
  'venv',
  '__pycache__',
]);

/** Files larger than this are skipped (generated bundles, fixtures). */
export const defaultMaxFileBytes = 512 * 1024;

interface Scope {
  /** Directory the rules are relative to, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

export interface WalkOptions {
  /** Which relative paths to keep (by extension). */
  include: (relativePath: string) => boolean;
}

async function readRules(dir: string, names: string[]): Promise<Ignore | undefined> {
  const texts = await Promise.all(
    names.map((name) => readFile(join(dir, name), 'utf8').catch(() => undefined)),
  );
  const found = texts.filter((t): t is string => t !== undefined);
  return found.length > 0 ? ignore().add(found.join('\n')) : undefined;
}

function isIgnored(scopes: Scope[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const inner = scope.base === '' ? rel : rel.slice(scope.base.length + 1);
    const result = scope.rules.test(isDir ? `${inner}/` : inner);
    if (result.ignored) ignored = true;
    if (result.unignored) ignored = false;
  }
  return ignored;
}

async function walk(
  root: string,
  relDir: string,
  scopes: Scope[],
  options: WalkOptions,
  out: string[],
): Promise<void> {
  const dir = join(root, relDir);
  // Root: .gitignore and .shipgateignore; below: nested .gitignore files, as git does.
  const names = relDir === '' ? ['.gitignore', '.shipgateignore'] : ['.gitignore'];
  const own = await readRules(dir, names);
  const active = own ? [...scopes, { base: relDir, rules: own }] : scopes;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (skippedDirs.has(entry.name) || rel === '.shipgate/cache') continue;
      if (!isIgnored(active, rel, true)) await walk(root, rel, active, options, out);
    } else if (entry.isFile() && options.include(rel) && !isIgnored(active, rel, false)) {
      out.push(rel);
    }
  }
}

/**
 * Relative paths (with `/`) of the files under `root` to index: `.gitignore`
 * files (root and nested, with negation) and a root `.shipgateignore` apply;
 * node_modules, dist, .git, coverage, virtualenvs and `.shipgate/cache` are
 * never entered. Symlinks are not followed.
 */
export async function listProjectFiles(root: string, options: WalkOptions): Promise<string[]> {
  const out: string[] = [];
  await walk(root, '', [], options, out);
  return out;
}

/** Normalises a path to the `/`-separated form relative to the root that the index uses. */
export function toIndexPath(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}

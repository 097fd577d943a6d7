import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { listProjectFiles } from '../../project-files.js';

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isTestFile(path: string): boolean {
  const name = basename(path);
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(name) || path.split(/[\\/]/).includes('__tests__');
}

function stem(path: string): string {
  const name = basename(path, extname(path));
  return name.replace(/\.(test|spec)$/, '');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** `dir/foo.ts` ↔ `dir/foo.test.*`, `dir/foo.spec.*`, `dir/__tests__/foo.*`. */
async function siblingTests(file: string): Promise<string[]> {
  const dir = dirname(file);
  const base = stem(file);
  const candidates = sourceExtensions.flatMap((ext) => [
    join(dir, `${base}.test${ext}`),
    join(dir, `${base}.spec${ext}`),
    join(dir, '__tests__', `${base}${ext}`),
    join(dir, '__tests__', `${base}.test${ext}`),
    join(dir, '__tests__', `${base}.spec${ext}`),
  ]);
  const found = await Promise.all(
    candidates.map(async (path) => ((await exists(path)) ? path : undefined)),
  );
  return found.filter((path): path is string => path !== undefined);
}

/** Test files under the root, as git lists them (src/project-files.ts). */
async function listTestFiles(root: string): Promise<string[]> {
  const listed = await listProjectFiles(root, {
    include: (rel) => isTestFile(rel) && sourceExtensions.includes(extname(rel)),
  });
  return listed.map((rel) => join(root, rel));
}

const importPattern =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function withoutExtension(path: string): string {
  const ext = extname(path);
  return sourceExtensions.includes(ext) ? path.slice(0, -ext.length) : path;
}

/** Test files whose relative imports resolve to one of `targets` (a plain text scan, no bundler). */
async function importingTests(root: string, targets: string[]): Promise<string[]> {
  const wanted = new Set(targets.map(withoutExtension));
  const tests = await listTestFiles(root);
  const hits = await Promise.all(
    tests.map(async (test) => {
      const text = await readFile(test, 'utf8').catch(() => '');
      for (const match of text.matchAll(importPattern)) {
        const target = resolve(dirname(test), match[1] ?? '');
        if (wanted.has(withoutExtension(target)) || wanted.has(join(target, 'index'))) return test;
      }
      return undefined;
    }),
  );
  return hits.filter((path): path is string => path !== undefined);
}

export interface RelatedTests {
  /** Changed files that are not tests themselves (coverage is measured on these). */
  sources: string[];
  tests: string[];
}

/** Test files that exercise the changed files: changed tests, neighbours by name, and importers. */
export async function findRelatedTests(root: string, changed: string[]): Promise<RelatedTests> {
  const absolute = changed
    .map((file) => resolve(root, file))
    .filter((file) => !relative(root, file).startsWith('..'));
  const tests = new Set(absolute.filter(isTestFile));
  const sources = absolute.filter(
    (file) => !isTestFile(file) && sourceExtensions.includes(extname(file)),
  );
  for (const list of await Promise.all(sources.map(siblingTests)))
    list.forEach((test) => tests.add(test));
  if (sources.length > 0) (await importingTests(root, sources)).forEach((test) => tests.add(test));
  return { sources, tests: [...tests].sort() };
}

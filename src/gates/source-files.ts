import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { SourceFile } from './types.js';

/** Directories never walked into. */
const skippedDirs = new Set(['node_modules', 'dist', '.git']);

export interface CollectOptions {
  cwd: string;
  /** Which files found while walking a directory to keep (files named explicitly are always kept). */
  include: (path: string) => boolean;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

async function readSource(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `cannot read ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

async function loadIgnore(dir: string): Promise<IgnoreScope | undefined> {
  try {
    const text = await readFile(join(dir, '.gitignore'), 'utf8');
    return { base: dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function ignored(scopes: IgnoreScope[], path: string, isDir: boolean): boolean {
  return scopes.some((scope) => {
    const rel = relative(scope.base, path).split('\\').join('/');
    return rel !== '' && !rel.startsWith('..') && scope.rules.ignores(isDir ? `${rel}/` : rel);
  });
}

async function walk(
  dir: string,
  scopes: IgnoreScope[],
  options: CollectOptions,
  out: Map<string, SourceFile>,
): Promise<void> {
  const own = await loadIgnore(dir);
  const active = own ? [...scopes, own] : scopes;
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name) && !ignored(active, path, true))
        await walk(path, active, options, out);
    } else if (
      entry.isFile() &&
      options.include(path) &&
      !ignored(active, path, false) &&
      !out.has(path)
    ) {
      const buffer = await readSource(path);
      if (!isBinary(buffer)) out.set(path, { path, content: buffer.toString('utf8') });
    }
  }
}

/** The scopes of `.gitignore` files from the root down to (not including) `dir`. */
async function ancestorIgnores(root: string, dir: string): Promise<IgnoreScope[]> {
  const scopes: IgnoreScope[] = [];
  const rel = relative(root, dir);
  if (rel.startsWith('..')) return scopes;
  let current = root;
  for (const part of ['', ...rel.split(/[\\/]/).filter(Boolean)]) {
    current = part ? join(current, part) : current;
    if (current === dir) break;
    const scope = await loadIgnore(current);
    if (scope) scopes.push(scope);
  }
  return scopes;
}

/**
 * Reads the files to validate: files as given, directories walked (skipping node_modules,
 * dist, .git and what .gitignore files ignore). Missing paths, unreadable files and binary
 * files named explicitly are usage errors (binary files found while walking are skipped).
 */
export async function collectSourceFiles(
  paths: string[],
  root: string,
  options: CollectOptions,
): Promise<SourceFile[]> {
  const out = new Map<string, SourceFile>();
  for (const given of paths) {
    const path = resolve(options.cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info)
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `${given} does not exist (pass files or directories to validate)`,
      );
    if (info.isDirectory()) {
      await walk(path, await ancestorIgnores(root, path), options, out);
      continue;
    }
    const buffer = await readSource(path);
    if (isBinary(buffer)) {
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `${given} is a binary file (it contains NUL bytes); pass source files only`,
      );
    }
    out.set(path, { path, content: buffer.toString('utf8') });
  }
  return [...out.values()];
}

/** Nearest ancestor of `start` (itself included) holding package.json or tsconfig.json. */
export function findProjectRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'tsconfig.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

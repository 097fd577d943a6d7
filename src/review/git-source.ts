import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';

/** Where the head versions of changed files come from. */
export interface ContentSource {
  /** Head text of a repository-relative path, or null when it does not exist there. */
  read(path: string): Promise<string | null>;
}

const maxBuffer = 256 * 1024 * 1024;

function git(root: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, { cwd: root, maxBuffer, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      const detail =
        code === 'ENOENT'
          ? 'git is not installed'
          : (stderr.trim().split('\n')[0] ?? error.message);
      reject(
        new ShipgateError(ErrorCode.BadRequest, `git ${args[0]} failed in ${root}: ${detail}`, {
          cause: error,
        }),
      );
    });
  });
}

/** The repository's top-level directory, or null outside a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | null> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim() || null;
  } catch {
    return null;
  }
}

async function checkRef(root: string, ref: string, flag: string): Promise<string> {
  if (ref.startsWith('-'))
    throw new ShipgateError(ErrorCode.BadRequest, `${flag} "${ref}" is not a git revision`);
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `${flag} ${ref} is not a commit in ${root} (fetch it first, e.g. actions/checkout with fetch-depth: 0)`,
    );
  }
}

/** `git diff BASE...HEAD` (what a pull request shows), or BASE against the working tree. */
export async function gitDiff(root: string, base: string, head: string | null): Promise<string> {
  await checkRef(root, base, '--base');
  const common = ['diff', '--no-color', '--no-ext-diff', '--find-renames', '--unified=3'];
  if (head === null) return git(root, [...common, base, '--']);
  await checkRef(root, head, '--head');
  return git(root, [...common, `${base}...${head}`, '--']);
}

/** Head versions from a commit (`git show REV:path`). */
export function gitContent(root: string, rev: string): ContentSource {
  return {
    read: async (path) => {
      try {
        return await git(root, ['show', `${rev}:${path}`]);
      } catch {
        return null;
      }
    },
  };
}

/** Head versions from the working tree under root; paths may not climb out of it. */
export function workTreeContent(root: string): ContentSource {
  const base = resolve(root);
  return {
    read: async (path) => {
      const full = resolve(base, path);
      if (full !== base && !full.startsWith(base + sep)) return null;
      try {
        return await readFile(full, 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** Head versions given inline (the HTTP API). */
export function inlineContent(files: ReadonlyMap<string, string>): ContentSource {
  return { read: (path) => Promise.resolve(files.get(path) ?? null) };
}

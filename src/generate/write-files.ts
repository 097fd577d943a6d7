import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readlink, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { GeneratedFile } from './types.js';

function outside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function escapeError(path: string, why: string): ShipgateError {
  return new ShipgateError(
    ErrorCode.BadRequest,
    `refusing to write ${path}: ${why}; nothing was written`,
    { details: { path } },
  );
}

/** The deepest existing ancestor of `path`, resolved through symlinks. */
async function realAncestor(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      return await realpath(current);
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Resolves where a generated file goes, or throws BadRequest when it would land
 * outside the project root: `..`, an absolute path elsewhere, or a symlink (the file
 * itself, or a directory on its way) that leads out.
 */
export async function resolveInside(root: string, path: string): Promise<string> {
  const realRoot = await realpath(resolve(root));
  const target = resolve(root, path);
  if (outside(resolve(root), target)) throw escapeError(path, 'it is outside the project root');
  const dir = await realAncestor(dirname(target));
  if (outside(realRoot, dir))
    throw escapeError(path, 'a symlink on its path leads outside the project root');
  if (await isSymlink(target)) {
    const real = await realAncestor(resolve(dirname(target), await readlink(target)));
    if (outside(realRoot, real))
      throw escapeError(path, 'it is a symlink to a place outside the project root');
  }
  return target;
}

async function writeAtomically(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface WrittenFile {
  path: string;
  bytes: number;
}

/**
 * Writes generated files under `root`. Every path is checked first (nothing is
 * written if one escapes the root); each file is written to a temp file in its
 * directory and renamed over the target, so no reader ever sees half a file.
 */
export async function writeGeneratedFiles(
  root: string,
  files: GeneratedFile[],
): Promise<WrittenFile[]> {
  const targets = [];
  for (const file of files) targets.push(await resolveInside(root, file.path));
  const written: WrittenFile[] = [];
  for (const [i, file] of files.entries()) {
    await writeAtomically(targets[i] as string, file.content);
    written.push({ path: file.path, bytes: Buffer.byteLength(file.content) });
  }
  return written;
}

import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import { listProjectFiles } from '../project-files.js';
import type { SourceFile } from './types.js';

export interface CollectOptions {
  cwd: string;
  /** Which files found while walking a directory to keep (files named explicitly are always kept). */
  include: (path: string) => boolean;
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

/** Files git would list under `dir` (src/project-files.ts) that the gates look at; binary ones skipped. */
async function walk(
  dir: string,
  options: CollectOptions,
  out: Map<string, SourceFile>,
): Promise<void> {
  const listed = await listProjectFiles(dir, { include: (rel) => options.include(join(dir, rel)) });
  for (const rel of listed) {
    const path = join(dir, rel);
    if (out.has(path)) continue;
    const buffer = await readSource(path);
    if (!isBinary(buffer)) out.set(path, { path, content: buffer.toString('utf8') });
  }
}

/**
 * Reads the files to validate: files as given, directories walked as git lists them
 * (tracked and not-ignored files; nested `.gitignore` with `!`; never `.git` or
 * node_modules). Missing paths, unreadable files and binary files named explicitly are
 * usage errors (binary files found while walking are skipped).
 */
export async function collectSourceFiles(
  paths: string[],
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
      await walk(path, options, out);
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

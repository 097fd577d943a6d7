import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { forgetTempDir, trackTempDir } from '../../sandbox/child-groups.js';
import type { SourceFile } from '../types.js';

const neverCopied = new Set(['node_modules', '.git']);
const topLevelNotCopied = new Set(['dist', 'build', 'coverage']);

function copied(root: string, source: string): boolean {
  const rel = relative(root, source);
  if (rel === '') return true;
  return !neverCopied.has(basename(source)) && !topLevelNotCopied.has(rel);
}

/** Files whose in-memory content differs from (or is missing on) disk. */
export async function unsavedFiles(files: SourceFile[]): Promise<SourceFile[]> {
  const differs = await Promise.all(
    files.map(
      async (file) => (await readFile(file.path, 'utf8').catch(() => undefined)) !== file.content,
    ),
  );
  return files.filter((_, index) => differs[index]);
}

export interface Overlay {
  root: string;
  /** Maps a path inside the overlay back to the real project. */
  toReal(path: string): string;
  dispose(): Promise<void>;
}

/**
 * A temp copy of the project (without node_modules, which is symlinked, .git, dist,
 * build, coverage) with the unsaved files written in, so tests see the in-memory code.
 * Costs a copy of the source tree; see docs/sandbox.md.
 */
export async function createOverlay(root: string, unsaved: SourceFile[]): Promise<Overlay> {
  const dir = await mkdtemp(join(tmpdir(), 'shipgate-tests-'));
  const overlayRoot = join(dir, basename(root));
  trackTempDir(dir);
  try {
    await cp(root, overlayRoot, {
      recursive: true,
      filter: (source) => copied(root, source),
    });
    await symlink(join(root, 'node_modules'), join(overlayRoot, 'node_modules'), 'dir').catch(
      () => undefined,
    );
    for (const file of unsaved) {
      const target = join(overlayRoot, relative(root, file.path));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    forgetTempDir(dir);
    throw error;
  }
  return {
    root: overlayRoot,
    toReal: (path) =>
      path.startsWith(overlayRoot) ? join(root, relative(overlayRoot, path)) : path,
    dispose: async () => {
      await rm(dir, { recursive: true, force: true });
      forgetTempDir(dir);
    },
  };
}

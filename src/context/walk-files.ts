import { relative } from 'node:path';
import { listProjectFiles as listFiles } from '../project-files.js';

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

export interface WalkOptions {
  /** Which relative paths to keep (by extension). */
  include: (relativePath: string) => boolean;
}

function insideSkipped(rel: string): boolean {
  return rel.startsWith('.shipgate/cache/') || rel.split('/').some((part) => skippedDirs.has(part));
}

/**
 * Relative paths (with `/`) of the files under `root` to index: the files git lists
 * (src/project-files.ts: tracked, or untracked and not ignored by any `.gitignore`,
 * `!` re-includes honoured), minus a root `.shipgateignore`, and never anything under
 * node_modules, dist, .git, coverage, virtualenvs or `.shipgate/cache`.
 */
export async function listProjectFiles(root: string, options: WalkOptions): Promise<string[]> {
  return listFiles(root, {
    extraIgnoreFiles: ['.shipgateignore'],
    include: (rel) => !insideSkipped(rel) && options.include(rel),
  });
}

/** Normalises a path to the `/`-separated form relative to the root that the index uses. */
export function toIndexPath(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}

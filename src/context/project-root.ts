import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';

/** Files or directories that mark a project root, checked from the start directory upwards. */
const rootMarkers = ['.shipgate', '.git', 'package.json', 'pyproject.toml', 'tsconfig.json'];

/** Nearest ancestor of `start` (itself included) holding a root marker, else `start`. */
export function findContextRoot(start: string): string {
  const first = resolve(start);
  for (let dir = first; ; dir = dirname(dir)) {
    if (rootMarkers.some((marker) => existsSync(join(dir, marker)))) return dir;
    if (dirname(dir) === dir) return first;
  }
}

/** `--root` as given (must be a directory), or the project root found from `start`. */
export function chooseRoot(cwd: string, explicit: string | undefined, start = cwd): string {
  if (explicit === undefined) return findContextRoot(start);
  const root = resolve(cwd, explicit);
  const isDir = (() => {
    try {
      return statSync(root).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isDir)
    throw new ShipgateError(ErrorCode.BadRequest, `--root ${explicit} is not a directory`);
  return root;
}

import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The directories of a PATH-style variable, in order (empty entries skipped). */
export function pathDirs(pathVariable: string | undefined): string[] {
  return (pathVariable ?? '').split(delimiter).filter((dir) => dir.length > 0);
}

/** The first `dir/name` in `dirs` that is executable, or undefined when none is. */
export async function findExecutable(
  name: string,
  dirs: readonly string[],
): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

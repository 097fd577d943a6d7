import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ProjectModule {
  /** Absolute path of the module's entry as the project resolves it. */
  path: string;
  /** The installed package's version ("unknown" when its package.json cannot be read). */
  version: string;
}

/**
 * Where the project at `root` has `name` installed (its own node_modules, or an
 * ancestor's, exactly as Node would resolve it from a file in the root), or undefined
 * when it has none. Resolution only: nothing is loaded.
 */
export function resolveProjectModule(root: string, name: string): ProjectModule | undefined {
  const require = createRequire(join(root, '__shipgate_resolve__.js'));
  let path: string;
  try {
    path = require.resolve(name);
  } catch {
    return undefined;
  }
  let version = 'unknown';
  try {
    const pkg = require(`${name}/package.json`) as { version?: unknown };
    if (typeof pkg.version === 'string') version = pkg.version;
  } catch {
    // exports may hide package.json; the version is informational
  }
  return { path, version };
}

/** Imports the project's copy of a module (ESM or CommonJS). */
export async function importProjectModule<T>(module: ProjectModule): Promise<T> {
  return (await import(pathToFileURL(module.path).href)) as T;
}

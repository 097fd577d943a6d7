import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface WalkRules {
  /** Keep this file (by name and size in bytes). */
  file(name: string, size: number): boolean;
  /** Skip this directory and everything under it (dot-directories are always skipped). */
  skipDir?(name: string): boolean;
  maxDepth: number;
}

/** Paths of the files under `dir` the rules keep; a directory that cannot be read is skipped. */
export function filesUnder(dir: string, rules: WalkRules, out: string[] = [], depth = 0): string[] {
  if (depth > rules.maxDepth) return out;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out; // not installed here
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (!rules.skipDir?.(name)) filesUnder(path, rules, out, depth + 1);
    } else if (rules.file(name, stat.size)) out.push(path);
  }
  return out;
}

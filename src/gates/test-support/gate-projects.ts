import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gate, GateResult } from '../types.js';

/** Temporary project roots for gate tests; `cleanup()` removes every one made. */
export function tempProjects(prefix: string) {
  const dirs: string[] = [];
  return {
    project(files: Record<string, string>): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
      return dir;
    },
    cleanup: () => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  };
}

/** Runs a gate on in-memory files (name → content) resolved against `root`. */
export function runGate(
  gate: Gate,
  root: string,
  files: Record<string, string>,
): Promise<GateResult> {
  const sources = Object.entries(files).map(([name, content]) => ({
    path: join(root, name),
    content,
  }));
  return gate.run({ root, files: sources, options: {} }, new AbortController().signal);
}

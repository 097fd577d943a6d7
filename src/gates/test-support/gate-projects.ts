import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Gate, GateResult, Trust } from '../types.js';

/** Temporary project roots for gate tests; `cleanup()` removes every one made. */
export function tempProjects(prefix: string) {
  const dirs: string[] = [];
  return {
    project(files: Record<string, string>): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), content);
      }
      return dir;
    },
    cleanup: () => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  };
}

/** Runs a gate on in-memory files (name → content) resolved against `root` (as the CLI would: `project` trust). */
export function runGate(
  gate: Gate,
  root: string,
  files: Record<string, string>,
  trust: Trust = 'project',
): Promise<GateResult> {
  const sources = Object.entries(files).map(([name, content]) => ({
    path: join(root, name),
    content,
  }));
  return gate.run({ root, files: sources, options: {}, trust }, new AbortController().signal);
}

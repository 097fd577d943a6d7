/**
 * Keeps the permission table in docs/auth.md and SECURITY.md identical to the code's
 * (src/server/auth/route-permissions.ts). `npm run docs:permissions` rewrites the
 * block between the markers; test/server/docs-truth.test.ts fails while they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPermissionMarkdown } from './route-permissions.js';

export const BEGIN_MARKER = '<!-- permission-table:begin (generated: npm run docs:permissions) -->';
export const END_MARKER = '<!-- permission-table:end -->';

/** The files that embed the table, relative to the repository root. */
export const permissionDocs = ['docs/auth.md', 'SECURITY.md'] as const;

/** The generated block, markers included. */
export function permissionBlock(): string {
  return `${BEGIN_MARKER}\n${renderPermissionMarkdown()}\n${END_MARKER}`;
}

/** The text with its marked block replaced by the current table; null when the markers are missing. */
export function withCurrentTable(text: string): string | null {
  const start = text.indexOf(BEGIN_MARKER);
  const end = text.indexOf(END_MARKER, start);
  if (start < 0 || end < 0) return null;
  return text.slice(0, start) + permissionBlock() + text.slice(end + END_MARKER.length);
}

/** Rewrites every permission doc under `root`; returns the files that changed. */
export function updatePermissionDocs(root: string): string[] {
  const changed: string[] = [];
  for (const file of permissionDocs) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const next = withCurrentTable(text);
    if (next === null) throw new Error(`${file}: add the ${BEGIN_MARKER} … ${END_MARKER} markers`);
    if (next !== text) {
      writeFileSync(path, next);
      changed.push(file);
    }
  }
  return changed;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  const changed = updatePermissionDocs(process.cwd());
  process.stdout.write(changed.length > 0 ? `updated ${changed.join(', ')}\n` : 'up to date\n');
}

/**
 * The dashboard's built files (web/dist, made by `npm run build:web`), read once
 * into memory: a handful of small hashed files. None holds data; the data comes
 * from the /api routes, each behind its own permission.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite's content-hashed assets never change; index.html always revalidates. */
  immutable: boolean;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** src/server/routes and dist/server/routes are both three levels below the package root. */
export function defaultDashboardDir(): string {
  return fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

/** URL path (`/index.html`, `/assets/x.js`) → file; empty when the dashboard is not built. */
export function loadDashboardFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!isDirectory(dir)) return files;
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (isDirectory(path)) walk(path, `${prefix}${name}/`);
      else {
        const type = types[extname(name)];
        if (type === undefined) continue;
        files.set(`/${prefix}${name}`, {
          body: readFileSync(path),
          type,
          immutable: prefix.startsWith('assets/'),
        });
      }
    }
  };
  walk(dir, '');
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

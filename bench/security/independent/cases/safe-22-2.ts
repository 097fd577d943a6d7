/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: resolved path must stay under the root (startsWith root + sep).
import Koa from 'koa';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

const ROOT = path.resolve('public/assets');
const app = new Koa();

function resolveInside(root: string, requested: string): string | null {
  const absolute = path.resolve(root, requested);
  return absolute.startsWith(root + path.sep) ? absolute : null;
}

app.use(async (ctx) => {
  const requested = String(ctx.query.file ?? '');
  const absolute = resolveInside(ROOT, requested);
  if (!absolute) {
    ctx.status = 403;
    return;
  }
  try {
    ctx.body = await readFile(absolute);
    ctx.type = path.extname(absolute);
  } catch {
    ctx.status = 404;
  }
});

app.listen(8080);

/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: path.resolve against a root without checking that the result stays inside it.
import Koa from 'koa';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

const ROOT = path.resolve('public/assets');
const app = new Koa();

app.use(async (ctx) => {
  const requested = ctx.query.file;
  if (!requested) {
    ctx.status = 400;
    return;
  }
  const absolute = path.resolve(ROOT, requested);
  try {
    ctx.body = await readFile(absolute);
    ctx.type = path.extname(absolute);
  } catch {
    ctx.status = 404;
  }
});

app.listen(8080);

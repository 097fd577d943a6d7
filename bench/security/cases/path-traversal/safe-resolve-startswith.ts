/* eslint-disable */
// @ts-nocheck
import { readFile } from 'node:fs/promises';
import path from 'node:path';
const ROOT = path.resolve('docs');
export async function getDoc(req, res) {
  const target = path.resolve(ROOT, req.params.name);
  if (!target.startsWith(ROOT + path.sep)) {
    return res.status(403).send('forbidden');
  }
  res.send(await readFile(target, 'utf8'));
}

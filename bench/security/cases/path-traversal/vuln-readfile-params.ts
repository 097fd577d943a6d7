/* eslint-disable */
// @ts-nocheck
import { readFile } from 'node:fs/promises';
import path from 'node:path';
export async function getDoc(req, res) {
  const content = await readFile(path.resolve('docs', req.params.name), 'utf8');
  res.type('text/markdown').send(content);
}

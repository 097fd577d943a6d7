/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: the id must be a UUID before it is used in a file name.
import express from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const app = express();
const DRAFTS = path.resolve('data/drafts');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

app.get('/drafts/:id', async (req, res) => {
  const { id } = req.params;
  if (!UUID_RE.test(id)) return res.status(400).json({ error: 'invalid id' });
  try {
    const json = await readFile(path.join(DRAFTS, `${id}.json`), 'utf8');
    res.type('application/json').send(json);
  } catch {
    res.status(404).end();
  }
});

app.listen(3000);

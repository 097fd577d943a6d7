/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: non-recursive "../" stripping; "....//" collapses back into "../".
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';

const app = express();
const TEMPLATES = path.join(__dirname, 'templates');

function cleanPath(input: string): string {
  return input.replace('../', '').replace('..\\', '');
}

app.get('/templates', (req, res) => {
  const name = cleanPath(String(req.query.name ?? 'default.html'));
  const content = fs.readFileSync(path.join(TEMPLATES, name), 'utf8');
  res.type('text/plain').send(content);
});

app.listen(3000);

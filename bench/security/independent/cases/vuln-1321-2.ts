/* eslint-disable */
// @ts-nocheck
// VULN CWE-1321: dotted-path setter walks user-supplied keys ("__proto__.isAdmin") without filtering.
import express from 'express';

const app = express();
app.use(express.json());

const preferences: Record<string, any> = {};

function setByPath(obj: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (typeof current[key] !== 'object' || current[key] === null) current[key] = {};
    current = current[key];
  }
  current[keys[keys.length - 1]] = value;
}

app.post('/preferences', (req, res) => {
  const { path, value } = req.body as { path: string; value: unknown };
  setByPath(preferences, path, value);
  res.json({ ok: true });
});

export default app;

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-1321 look-alike: user-chosen keys are stored in a Map, not on a plain object.
import express from 'express';

const app = express();
app.use(express.json());

const preferences = new Map<string, unknown>();

app.post('/preferences', (req, res) => {
  const { path, value } = req.body as { path: string; value: unknown };
  if (typeof path !== 'string' || path.length > 100) {
    return res.status(400).json({ error: 'invalid path' });
  }
  preferences.set(path, value);
  res.json(Object.fromEntries(preferences));
});

export default app;

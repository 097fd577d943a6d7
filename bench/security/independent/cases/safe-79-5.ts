/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: user input is only returned as JSON (application/json), never as HTML.
import express from 'express';

const app = express();

app.get('/api/echo', (req, res) => {
  const { message = '' } = req.query as { message?: string };
  res.json({ message, length: message.length, receivedAt: new Date().toISOString() });
});

app.get('/api/status', (_req, res) => {
  res.send({ ok: true });
});

export default app;

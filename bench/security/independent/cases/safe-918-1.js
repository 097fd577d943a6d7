/* eslint-disable */
// @ts-nocheck
// SAFE CWE-918 look-alike: the proxy only fetches https URLs whose host is on an allow-list.
const express = require('express');
const { Readable } = require('stream');

const app = express();
const ALLOWED_HOSTS = new Set(['images.unsplash.com', 'cdn.example.com']);

app.get('/proxy/image', async (req, res) => {
  let target;
  try {
    target = new URL(String(req.query.url));
  } catch {
    return res.status(400).send('bad url');
  }
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(403).send('host not allowed');
  }
  const upstream = await fetch(target, { redirect: 'error' });
  res.setHeader('Content-Type', upstream.headers.get('content-type') || 'application/octet-stream');
  Readable.fromWeb(upstream.body).pipe(res);
});

app.listen(3000);

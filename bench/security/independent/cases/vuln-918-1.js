/* eslint-disable */
// @ts-nocheck
// VULN CWE-918: image proxy fetches whatever URL the client passes in `url`.
const express = require('express');
const { Readable } = require('stream');

const app = express();

app.get('/proxy/image', async (req, res) => {
  const target = req.query.url;
  if (!target) return res.status(400).send('url required');
  const upstream = await fetch(target);
  res.status(upstream.status);
  res.setHeader('Content-Type', upstream.headers.get('content-type') || 'application/octet-stream');
  Readable.fromWeb(upstream.body).pipe(res);
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-328 look-alike: webhook signature checked with HMAC-SHA256 and timingSafeEqual.
const crypto = require('crypto');
const express = require('express');

const app = express();
const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;

app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('X-Hub-Signature-256') || '';
  const expected =
    'sha256=' + crypto.createHmac('sha256', WEBHOOK_SECRET).update(req.body).digest('hex');
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    return res.status(401).send('bad signature');
  }
  res.status(204).end();
});

app.listen(3000);

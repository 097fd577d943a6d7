/* eslint-disable */
// @ts-nocheck
// SAFE CWE-78 look-alike: host is validated and passed to execFile as an argument (no shell).
const express = require('express');
const { execFile } = require('child_process');

const router = express.Router();
const HOSTNAME_RE =
  /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9-]{1,63}$/;

router.get('/diagnostics/ping', (req, res) => {
  const host = String(req.query.host || '');
  if (!HOSTNAME_RE.test(host)) {
    return res.status(400).json({ error: 'invalid host' });
  }
  execFile('ping', ['-c', '4', host], { timeout: 10000 }, (error, stdout) => {
    if (error) return res.status(502).json({ error: 'ping failed' });
    res.type('text/plain').send(stdout);
  });
});

module.exports = router;

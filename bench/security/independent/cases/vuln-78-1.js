/* eslint-disable */
// @ts-nocheck
// VULN CWE-78: network diagnostics route interpolates the `host` query parameter into a shell command.
const express = require('express');
const { exec } = require('child_process');

const router = express.Router();

router.get('/diagnostics/ping', (req, res) => {
  const host = req.query.host;
  exec(`ping -c 4 ${host}`, { timeout: 10000 }, (error, stdout, stderr) => {
    if (error) {
      return res.status(500).json({ error: stderr || error.message });
    }
    res.type('text/plain').send(stdout);
  });
});

module.exports = router;

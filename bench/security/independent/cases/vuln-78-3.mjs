/* eslint-disable */
// @ts-nocheck
// VULN CWE-78: spawn with shell:true joins the arguments into a shell string, so `author` is injectable.
import express from 'express';
import { spawn } from 'node:child_process';

const app = express();
const REPO_DIR = '/srv/repos/website';

app.get('/commits', (req, res) => {
  const { author = '' } = req.query;
  const child = spawn('git', ['log', '--oneline', '-n', '50', `--author=${author}`], {
    cwd: REPO_DIR,
    shell: true,
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.on('close', (code) => {
    if (code !== 0) return res.status(500).end();
    res.json(out.trim().split('\n'));
  });
});

app.listen(3000);

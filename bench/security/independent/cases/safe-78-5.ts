/* eslint-disable */
// @ts-nocheck
// SAFE CWE-78 look-alike: the only interpolated value is an integer PID validated with parseInt.
import express from 'express';
import { exec } from 'node:child_process';

const app = express();

app.get('/processes/:pid/alive', (req, res) => {
  const pid = Number.parseInt(req.params.pid, 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    return res.status(400).json({ error: 'pid must be a positive integer' });
  }
  exec(`kill -0 ${pid}`, (err) => {
    res.json({ pid, alive: !err });
  });
});

app.listen(3000);

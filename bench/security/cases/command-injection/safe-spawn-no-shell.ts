/* eslint-disable */
// @ts-nocheck
import { spawn } from 'node:child_process';
export function gitShow(req, res) {
  const child = spawn('git', ['show', '--stat', req.params.sha]);
  child.stdout.pipe(res);
}

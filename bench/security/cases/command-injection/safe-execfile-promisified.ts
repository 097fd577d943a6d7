/* eslint-disable */
// @ts-nocheck
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const execFileAsync = promisify(execFile);
export async function resize(req, res) {
  const { width } = req.body;
  await execFileAsync('convert', [req.file.path, '-resize', String(width), 'out.png']);
  res.sendStatus(204);
}

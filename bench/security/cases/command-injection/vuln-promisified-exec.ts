/* eslint-disable */
// @ts-nocheck
import { exec } from 'child_process';
import { promisify } from 'util';
import type { Request, Response } from 'express';
const run = promisify(exec);
export async function gitLog(req: Request, res: Response) {
  const branch = req.params.branch;
  const { stdout } = await run(`git log --oneline ${branch}`);
  res.json({ log: stdout.split('\n') });
}

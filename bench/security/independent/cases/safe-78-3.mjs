/* eslint-disable */
// @ts-nocheck
// SAFE CWE-78 look-alike: exec only runs constant commands to collect build metadata.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(exec);

export async function buildInfo() {
  const [{ stdout: sha }, { stdout: branch }] = await Promise.all([
    run('git rev-parse --short HEAD'),
    run('git rev-parse --abbrev-ref HEAD'),
  ]);
  return { sha: sha.trim(), branch: branch.trim(), builtAt: new Date().toISOString() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildInfo().then((info) => console.log(JSON.stringify(info, null, 2)));
}

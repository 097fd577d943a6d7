/* eslint-disable */
// @ts-nocheck
// SAFE CWE-78 look-alike: CLI passes argv values to execFileSync as separate arguments after `--`.
const { execFileSync } = require('child_process');
const path = require('path');

const [, , repoUrl, branch = 'main'] = process.argv;
if (!repoUrl || !/^[\w./-]+$/.test(branch)) {
  console.error('usage: clone-preview <repo-url> [branch]');
  process.exit(1);
}

const workdir = path.join('/tmp', `preview-${Date.now()}`);
execFileSync('git', ['clone', '--depth', '1', '--branch', branch, '--', repoUrl, workdir], {
  stdio: 'inherit',
});
execFileSync('npm', ['ci'], { cwd: workdir, stdio: 'inherit' });
console.log('cloned into', workdir);

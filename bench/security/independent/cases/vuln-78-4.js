/* eslint-disable */
// @ts-nocheck
// VULN CWE-78: CLI forwards argv values into a shell string (indirect command injection, e.g. when a CI webhook passes a branch name).
const { execSync } = require('child_process');

const [, , repoUrl, branch = 'main'] = process.argv;

if (!repoUrl) {
  console.error('usage: deploy-preview <repo-url> [branch]');
  process.exit(1);
}

const workdir = `/tmp/preview-${Date.now()}`;
console.log(`Cloning ${repoUrl}#${branch} into ${workdir}`);
execSync('git clone --depth 1 --branch ' + branch + ' ' + repoUrl + ' ' + workdir, {
  stdio: 'inherit',
});
execSync(`cd ${workdir} && npm ci && npm run build`, { stdio: 'inherit' });
console.log('Preview build ready');

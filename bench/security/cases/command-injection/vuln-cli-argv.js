/* eslint-disable */
const { execSync } = require('child_process');
const target = process.argv[2];
execSync('rm -rf ' + target + '/build', { stdio: 'inherit' });

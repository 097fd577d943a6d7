/* eslint-disable */
const { execSync } = require('child_process');
const BUILD_CMD = 'npm run build';
function build() {
  return execSync(BUILD_CMD + ' -- --mode=production', { stdio: 'inherit' });
}
module.exports = { build };

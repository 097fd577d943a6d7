/* eslint-disable */
const { spawn } = require('child_process');
module.exports = function archive(req, res) {
  const dir = req.body.dir;
  const child = spawn('tar', ['czf', '/tmp/out.tgz', dir], { shell: true });
  child.on('close', () => res.download('/tmp/out.tgz'));
};

/* eslint-disable */
const { exec } = require('child_process');
const ALLOWED = ['status', 'log', 'diff'];
app.get('/git/:cmd', (req, res) => {
  const cmd = req.params.cmd;
  if (!ALLOWED.includes(cmd)) {
    return res.status(400).send('unsupported');
  }
  exec('git ' + cmd, (err, out) => res.send(out));
});

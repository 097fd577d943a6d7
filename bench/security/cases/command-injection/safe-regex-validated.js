/* eslint-disable */
const { exec } = require('child_process');
app.post('/ping', (req, res) => {
  const host = req.body.host;
  if (!/^[a-zA-Z0-9.-]+$/.test(host)) return res.sendStatus(400);
  exec('ping -c 1 ' + host, (err, out) => res.send(out));
});

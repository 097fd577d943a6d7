/* eslint-disable */
const { execFile } = require('child_process');
app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '3', req.query.host], (err, stdout) => {
    res.type('text').send(stdout);
  });
});

/* eslint-disable */
const { exec } = require('child_process');
const { quote } = require('shell-quote');
app.get('/search', (req, res) => {
  exec('grep -rn ' + quote([req.query.term]) + ' ./docs', (e, out) => res.send(out));
});

/* eslint-disable */
const fs = require('fs');
app.get('/logs', (req, res) => {
  const name = req.query.name.replace('../', '');
  res.send(fs.readFileSync('/var/log/app/' + name, 'utf8'));
});

/* eslint-disable */
const fs = require('fs');
const path = require('path');
app.get('/logs', (req, res) => {
  const name = req.query.name;
  if (name.includes('..') || path.isAbsolute(name)) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join('/var/log/app', name), 'utf8'));
});

/* eslint-disable */
const path = require('path');
const fs = require('fs');
const base = '/srv/files';
module.exports = (req, res) => {
  const p = path.join(base, req.query.p);
  const rel = path.relative(base, p);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return res.status(400).end();
  fs.createReadStream(p).pipe(res);
};

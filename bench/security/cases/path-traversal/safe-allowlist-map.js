/* eslint-disable */
const fs = require('fs');
const REPORTS = { daily: 'reports/daily.csv', weekly: 'reports/weekly.csv' };
app.get('/report', (req, res) => {
  const file = REPORTS[req.query.kind];
  if (!file) return res.sendStatus(404);
  res.send(fs.readFileSync(file, 'utf8'));
});

/* eslint-disable */
const db = require('better-sqlite3')('app.db');
app.get('/orders', (req, res) => {
  const order = req.query.sort || 'created_at';
  const rows = db.prepare('SELECT * FROM orders ORDER BY ' + order).all();
  res.json(rows);
});

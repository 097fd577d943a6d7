/* eslint-disable */
const SORTABLE = ['created_at', 'total', 'status'];
app.get('/orders', (req, res) => {
  const order = SORTABLE.includes(req.query.sort) ? req.query.sort : 'created_at';
  const rows = db.prepare('SELECT * FROM orders ORDER BY ' + order).all();
  res.json(rows);
});

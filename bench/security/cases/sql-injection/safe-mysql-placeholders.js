/* eslint-disable */
app.get('/products', (req, res) => {
  connection.query(
    'SELECT * FROM products WHERE category = ? ORDER BY price',
    [req.query.category],
    (err, rows) => res.json(rows),
  );
});

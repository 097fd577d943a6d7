/* eslint-disable */
const mysql = require('mysql2');
const connection = mysql.createConnection({ host: 'db', user: 'app', database: 'shop' });
app.get('/products', (req, res) => {
  const sql = 'SELECT * FROM products WHERE category = "' + req.query.category + '" ORDER BY price';
  connection.query(sql, (err, rows) => res.json(rows));
});

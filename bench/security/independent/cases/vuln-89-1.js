/* eslint-disable */
// @ts-nocheck
// VULN CWE-89: route parameter concatenated into a MySQL query string.
const express = require('express');
const mysql = require('mysql2');

const connection = mysql.createConnection({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

const app = express();

app.get('/users/:id', (req, res) => {
  const sql = 'SELECT id, name, email FROM users WHERE id = ' + req.params.id;
  connection.query(sql, (err, rows) => {
    if (err) return res.status(500).json({ error: 'db error' });
    if (!rows.length) return res.status(404).end();
    res.json(rows[0]);
  });
});

app.listen(3000);

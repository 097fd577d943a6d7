/* eslint-disable */
const mysql = require('mysql2');
const pool = mysql.createPool({
  host: 'db.internal',
  user: 'admin',
  password: 'S3cr3t!2024',
  database: 'orders',
});

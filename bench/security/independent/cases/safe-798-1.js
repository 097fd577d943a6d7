/* eslint-disable */
// @ts-nocheck
// SAFE CWE-798 look-alike: database credentials come from environment variables.
const { Pool } = require('pg');

const pool = new Pool({
  host: process.env.PGHOST,
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER,
  password: process.env.PGPASSWORD,
  database: process.env.PGDATABASE || 'orders',
  ssl: process.env.PGSSL !== 'false',
});

module.exports = {
  query: (text, params) => pool.query(text, params),
};

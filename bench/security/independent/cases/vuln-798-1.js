/* eslint-disable */
// @ts-nocheck
// VULN CWE-798: production database password is hard-coded in the pool configuration.
const { Pool } = require('pg');

const pool = new Pool({
  host: 'db-prod-1.c9akciq32.us-east-1.rds.amazonaws.com',
  port: 5432,
  user: 'app_admin',
  password: 'Xk9#mP2$vL7qR4!w',
  database: 'orders',
  ssl: true,
});

module.exports = {
  query: (text, params) => pool.query(text, params),
};

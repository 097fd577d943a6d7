/* eslint-disable */
// @ts-nocheck
import { Pool } from 'pg';
const pool = new Pool();
export async function getUser(req, res) {
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = '${req.params.id}'`);
  res.json(rows[0]);
}

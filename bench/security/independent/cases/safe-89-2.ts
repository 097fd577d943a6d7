/* eslint-disable */
// @ts-nocheck
// SAFE CWE-89 look-alike: pg query uses $1 parameters; the sort column is picked from an allow-list.
import express, { type Request, type Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

const SORT_COLUMNS: Record<string, string> = {
  created: 'created_at',
  total: 'total',
};

app.get('/api/orders', async (req: Request, res: Response) => {
  const status = String(req.query.status ?? 'open');
  const sortColumn = SORT_COLUMNS[String(req.query.sort)] ?? 'created_at';
  const { rows } = await pool.query(
    `SELECT id, total, status FROM orders WHERE status = $1 ORDER BY ${sortColumn} DESC LIMIT 50`,
    [status],
  );
  res.json(rows);
});

export default app;

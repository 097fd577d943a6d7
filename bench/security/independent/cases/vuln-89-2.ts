/* eslint-disable */
// @ts-nocheck
// VULN CWE-89: destructured query parameters interpolated into a pg query via a template literal.
import express, { type Request, type Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

app.get('/api/orders', async (req: Request, res: Response) => {
  const { status = 'open', sort = 'created_at' } = req.query as Record<string, string>;
  try {
    const { rows } = await pool.query(
      `SELECT id, total, status FROM orders WHERE status = '${status}' ORDER BY ${sort} DESC LIMIT 50`,
    );
    res.json(rows);
  } catch (err) {
    res.status(500).json({ error: (err as Error).message });
  }
});

export default app;

/* eslint-disable */
// @ts-nocheck
// VULN CWE-89: helper builds a WHERE clause from arbitrary filter keys/values of a Next.js request.
import type { NextApiRequest, NextApiResponse } from 'next';
import { pool } from '../../lib/db';

function buildWhere(filters: Record<string, string | string[] | undefined>): string {
  const clauses = Object.entries(filters)
    .filter(([, v]) => typeof v === 'string' && v.length > 0)
    .map(([key, value]) => `${key} = '${value}'`);
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const where = buildWhere(req.query);
  const sql = `SELECT * FROM products ${where} LIMIT 100`;
  const result = await pool.query(sql);
  res.status(200).json(result.rows);
}

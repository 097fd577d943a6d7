/* eslint-disable */
// @ts-nocheck
// SAFE CWE-89 look-alike: only integers from parseInt (clamped) are interpolated into LIMIT/OFFSET.
import type { NextApiRequest, NextApiResponse } from 'next';
import { pool } from '../../lib/db';

function toInt(value: unknown, fallback: number, max: number): number {
  const n = Number.parseInt(String(value), 10);
  if (!Number.isFinite(n) || n < 0) return fallback;
  return Math.min(n, max);
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const limit = toInt(req.query.limit, 20, 100);
  const offset = toInt(req.query.offset, 0, 10_000);
  const result = await pool.query(
    `SELECT id, name, price FROM products ORDER BY id LIMIT ${limit} OFFSET ${offset}`,
  );
  res.status(200).json(result.rows);
}

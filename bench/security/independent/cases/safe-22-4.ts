/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: report id is looked up in a Map of known files; input never becomes a path.
import fs from 'node:fs';
import path from 'node:path';
import type { NextApiRequest, NextApiResponse } from 'next';

const REPORT_DIR = path.join(process.cwd(), 'storage', 'reports');
const REPORTS = new Map<string, string>([
  ['q1', 'quarterly-2024-q1.pdf'],
  ['q2', 'quarterly-2024-q2.pdf'],
  ['annual', 'annual-2023.pdf'],
]);

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const fileName = REPORTS.get(String(req.query.report));
  if (!fileName) return res.status(404).json({ error: 'unknown report' });
  res.setHeader('Content-Type', 'application/pdf');
  fs.createReadStream(path.join(REPORT_DIR, fileName)).pipe(res);
}

/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: Next.js download route streams a file whose relative path comes from the query.
import fs from 'node:fs';
import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { report } = req.query as { report: string };
  const filePath = `./storage/reports/${report}`;
  if (!fs.existsSync(filePath)) {
    return res.status(404).json({ error: 'report not found' });
  }
  res.setHeader('Content-Type', 'application/pdf');
  fs.createReadStream(filePath).pipe(res);
}

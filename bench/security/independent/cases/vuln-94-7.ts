/* eslint-disable */
// @ts-nocheck
// VULN CWE-94: Next.js API route builds a filter function from the `where` query string.
import type { NextApiRequest, NextApiResponse } from 'next';
import { getProducts } from '../../lib/catalog';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const where = typeof req.query.where === 'string' ? req.query.where : 'true';
  const products = await getProducts();

  const filterFn = new Function('p', `return ${where};`);
  const filtered = products.filter((p) => filterFn(p));

  res.status(200).json({ count: filtered.length, items: filtered });
}

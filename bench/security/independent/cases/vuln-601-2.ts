/* eslint-disable */
// @ts-nocheck
// VULN CWE-601: Next.js API route redirects to the returnTo parameter after OAuth callback.
import type { NextApiRequest, NextApiResponse } from 'next';
import { exchangeCode, setSessionCookie } from '../../../lib/auth';

export default async function callback(req: NextApiRequest, res: NextApiResponse) {
  const code = req.query.code as string;
  const returnTo = (req.query.returnTo as string) || '/';
  const session = await exchangeCode(code);
  setSessionCookie(res, session);
  res.redirect(302, returnTo);
}

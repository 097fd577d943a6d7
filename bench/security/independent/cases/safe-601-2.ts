/* eslint-disable */
// @ts-nocheck
// SAFE CWE-601 look-alike: returnTo is resolved against the app origin and must keep the same origin.
import type { NextApiRequest, NextApiResponse } from 'next';
import { exchangeCode, setSessionCookie } from '../../../lib/auth';

const APP_ORIGIN = 'https://app.example.com';

function safeReturnTo(raw: unknown): string {
  try {
    const url = new URL(String(raw ?? '/'), APP_ORIGIN);
    return url.origin === APP_ORIGIN ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}

export default async function callback(req: NextApiRequest, res: NextApiResponse) {
  const session = await exchangeCode(String(req.query.code));
  setSessionCookie(res, session);
  res.redirect(302, safeReturnTo(req.query.returnTo));
}

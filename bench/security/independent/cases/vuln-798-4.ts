/* eslint-disable */
// @ts-nocheck
// VULN CWE-798: admin basic-auth middleware compares against a hard-coded username/password.
import type { NextFunction, Request, Response } from 'express';

const ADMIN_USER = 'admin';
const ADMIN_PASSWORD = 'Adm1n!2024secure';

export function adminAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const [scheme, encoded] = header.split(' ');
  if (scheme !== 'Basic' || !encoded) {
    res.setHeader('WWW-Authenticate', 'Basic realm="admin"');
    return res.status(401).end();
  }
  const [user, pass] = Buffer.from(encoded, 'base64').toString().split(':');
  if (user === ADMIN_USER && pass === ADMIN_PASSWORD) return next();
  return res.status(403).end();
}

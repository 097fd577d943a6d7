/* eslint-disable */
// @ts-nocheck
// VULN CWE-798: JWT signing secret is a string literal in the auth module.
import jwt from 'jsonwebtoken';

const JWT_SECRET = 'f3c9a1e7b25d4e0c8a6f1b3d9e7c5a2b';
const TOKEN_TTL = '12h';

export function issueToken(userId: string, roles: string[]): string {
  return jwt.sign({ sub: userId, roles }, JWT_SECRET, { expiresIn: TOKEN_TTL });
}

export function verifyToken(token: string): jwt.JwtPayload {
  return jwt.verify(token, JWT_SECRET) as jwt.JwtPayload;
}

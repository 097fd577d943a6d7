/* eslint-disable */
// @ts-nocheck
// SAFE CWE-798 look-alike: JWT secret is read from the environment and the service refuses to start without it.
import jwt from 'jsonwebtoken';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

const JWT_SECRET = requireEnv('JWT_SECRET');
const TOKEN_TTL = '12h';

export function issueToken(userId: string, roles: string[]): string {
  return jwt.sign({ sub: userId, roles }, JWT_SECRET, { expiresIn: TOKEN_TTL });
}

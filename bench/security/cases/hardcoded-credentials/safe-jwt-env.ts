/* eslint-disable */
// @ts-nocheck
import jwt from 'jsonwebtoken';
export function issue(user, secret: string) {
  return jwt.sign({ sub: user.id }, secret, { expiresIn: '1h' });
}

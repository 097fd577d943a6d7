/* eslint-disable */
// @ts-nocheck
import jwt from 'jsonwebtoken';
export function issue(user) {
  return jwt.sign({ sub: user.id }, 'my-super-secret-key', { expiresIn: '1h' });
}

/* eslint-disable */
// @ts-nocheck
import { createHash } from 'node:crypto';
export async function signup(req, res) {
  const pwdHash = createHash('sha1').update(req.body.pwd).digest('base64');
  await Users.insert({ email: req.body.email, pwdHash });
  res.sendStatus(201);
}

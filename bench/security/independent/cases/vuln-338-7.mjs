/* eslint-disable */
// @ts-nocheck
// VULN CWE-338: session identifiers are generated with Math.random over a charset.
const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createSessionId(length = 32) {
  let id = '';
  for (let i = 0; i < length; i++) {
    id += CHARSET.charAt(Math.floor(Math.random() * CHARSET.length));
  }
  return id;
}

export function startSession(res, userId, store) {
  const sid = createSessionId();
  store.set(sid, { userId, createdAt: Date.now() });
  res.setHeader('Set-Cookie', `sid=${sid}; HttpOnly; Secure; SameSite=Lax; Path=/`);
  return sid;
}

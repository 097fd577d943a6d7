import crypto from 'node:crypto';
export function seal(buf, key) {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(buf), c.final()]);
  return { iv, data, tag: c.getAuthTag() };
}

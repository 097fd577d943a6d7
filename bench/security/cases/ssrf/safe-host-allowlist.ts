/* eslint-disable */
// @ts-nocheck
const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);
export async function proxy(req, res) {
  const url = new URL(req.query.url);
  if (!ALLOWED_HOSTS.has(url.hostname)) {
    return res.status(400).send('host not allowed');
  }
  const r = await fetch(url);
  res.send(Buffer.from(await r.arrayBuffer()));
}

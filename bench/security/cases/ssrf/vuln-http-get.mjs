import https from 'node:https';
export function avatar(req, res) {
  const src = req.query.src;
  https.get(src, (upstream) => upstream.pipe(res));
}

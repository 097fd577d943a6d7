/* eslint-disable */
// @ts-nocheck
export function callback(req, res) {
  const next = String(req.query.next || '/');
  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/');
  res.redirect(next);
}

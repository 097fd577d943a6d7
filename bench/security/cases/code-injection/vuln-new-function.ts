/* eslint-disable */
// @ts-nocheck
export function compileFilter(req, res) {
  const body = 'return item.' + req.query.field + ' > 10';
  const fn = new Function('item', body);
  res.json(items.filter(fn));
}

/* eslint-disable */
// @ts-nocheck
const operations = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
};
export function calc(req, res) {
  const op = operations[req.body.op];
  if (!op) return res.status(400).end();
  res.json({ result: op(Number(req.body.a), Number(req.body.b)) });
}

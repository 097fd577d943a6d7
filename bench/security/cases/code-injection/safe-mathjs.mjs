import { evaluate } from 'mathjs';
export function calc(req, res) {
  res.json({ result: evaluate(String(req.body.expression)) });
}

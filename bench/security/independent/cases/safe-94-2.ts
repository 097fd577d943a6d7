/* eslint-disable */
// @ts-nocheck
// SAFE CWE-94 look-alike: calculator maps an allow-listed operator name to a function; operands are numbers.
import express, { type Request, type Response } from 'express';

const operations: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => (b === 0 ? NaN : a / b),
};

const app = express();

app.get('/api/calc', (req: Request, res: Response) => {
  const op = String(req.query.op ?? '');
  const a = Number.parseFloat(String(req.query.a));
  const b = Number.parseFloat(String(req.query.b));

  if (!Object.hasOwn(operations, op) || Number.isNaN(a) || Number.isNaN(b)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const result = operations[op](a, b);
  res.json({ op, a, b, result });
});

app.listen(3000);

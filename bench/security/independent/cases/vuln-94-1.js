/* eslint-disable */
// @ts-nocheck
// VULN CWE-95: calculator endpoint evaluates the raw `expr` query parameter as JavaScript.
const express = require('express');

const app = express();

app.get('/api/calc', (req, res) => {
  const expr = req.query.expr;
  if (!expr) {
    return res.status(400).json({ error: 'expr is required' });
  }
  try {
    const result = eval(expr);
    res.json({ expr, result });
  } catch (err) {
    res.status(400).json({ error: 'Invalid expression' });
  }
});

app.listen(process.env.PORT || 3000, () => console.log('calc service up'));

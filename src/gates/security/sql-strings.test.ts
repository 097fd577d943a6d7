import { describe, expect, it } from 'vitest';
import { ruleFindings, lines } from './test-support/rule-findings.js';

/** SQL text built from remote input, reported where it is built (sql-strings.ts). */

const express = (...body: string[]): string =>
  lines(
    "import express from 'express';",
    'const app = express();',
    "app.post('/orders', async (req, res) => {",
    ...body,
    '  res.end();',
    '});',
  );

describe('SQL strings built from input', () => {
  it('reports a concatenated statement handed to a helper the gate does not know', () => {
    const code = express(
      "  const sql = 'SELECT * FROM orders WHERE customer = ' + req.body.customer;",
      '  await ledger.record(sql);',
    );
    expect(ruleFindings('sql-injection', code, 'orders.ts')).toEqual(['4:high']);
  });

  it('reports an interpolated UPDATE and an INSERT in a Lambda handler', () => {
    const code = lines(
      'export const handler = async (event) => {',
      "  const a = `UPDATE orders SET note = '${event.body}' WHERE id = 1`;",
      '  const b = "INSERT INTO audit (msg) VALUES (\'" + event.queryStringParameters.msg + "\')";',
      '  return store(a, b);',
      '};',
    );
    expect(ruleFindings('sql-injection', code, 'handler.js')).toEqual(['2:high', '3:high']);
  });

  it('reports once, at the query call, when the string reaches a known query', () => {
    const code = express(
      "  const sql = 'DELETE FROM orders WHERE id = ' + req.body.id;",
      '',
      '  await pool.query(sql);',
    );
    expect(ruleFindings('sql-injection', code, 'orders.ts')).toEqual(['6:critical']);
  });

  it('reports once, at the query call, when a config object holding the text reaches it', () => {
    const code = express(
      "  const q = { text: 'SELECT * FROM orders WHERE id = ' + req.query.id, rowMode: 'array' };",
      '',
      '  await pool.query(q);',
    );
    expect(ruleFindings('sql-injection', code, 'orders.ts')).toEqual(['6:critical']);
  });

  it('does not report placeholders, numbers, tagged templates or English prose', () => {
    const code = express(
      "  const a = 'SELECT * FROM orders WHERE customer = $1';",
      '  await ledger.record(a, [req.body.customer]);',
      "  await ledger.record('SELECT * FROM orders WHERE id = ' + Number(req.body.id));",
      '  await ledger.record(sql`SELECT * FROM orders WHERE customer = ${req.body.customer}`);',
      "  notify('Select a shipping option from the list, ' + req.body.name);",
      "  notify('Please update your address: ' + req.body.name);",
    );
    expect(ruleFindings('sql-injection', code, 'orders.ts')).toEqual([]);
  });
});

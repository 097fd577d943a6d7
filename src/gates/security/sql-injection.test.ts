import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * Where a SQL finding lands: a flow from input at the query call that runs it; SQL text
 * concatenated from values of unknown origin, with nothing bound, where it is concatenated
 * (ADR 0045).
 */

const dao = (...body: string[]): string =>
  lines(
    "const mysql = require('mysql2/promise');",
    'const connection = await mysql.createConnection(config);',
    'async function findUser(id) {',
    ...body,
    '}',
  );

describe('sql-injection: text concatenated from a value of unknown origin', () => {
  it('is reported where the text is built, once for every query that runs it', () => {
    const code = dao(
      "  const sql = 'SELECT * FROM users WHERE id = ' + id;",
      '',
      '  await connection.query(sql);',
      '  return connection.query(sql);',
    );
    expect(ruleFindings('sql-injection', code)).toEqual(['4:medium']);
  });

  it('built in the call itself, at the call', () => {
    const code = dao("  return connection.query('SELECT * FROM users WHERE id = ' + id);");
    expect(ruleFindings('sql-injection', code)).toEqual(['4:medium']);
  });

  it('bound parameters or a constant text: not reported', () => {
    const code = dao(
      "  const sql = 'SELECT * FROM users WHERE id = ?';",
      '',
      '  await connection.query(sql, [id]);',
      "  const all = 'SELECT * FROM users';",
      '',
      '  return connection.query(all);',
    );
    expect(ruleFindings('sql-injection', code)).toEqual([]);
  });

  it('built in another function (a helper that returns it): at the call', () => {
    const code = lines(
      "const mysql = require('mysql2/promise');",
      'const connection = await mysql.createConnection(config);',
      "const byId = (id) => 'SELECT * FROM users WHERE id = ' + id;",
      'async function findUser(id) {',
      '  const sql = byId(id);',
      '',
      '  return connection.query(sql);',
      '}',
    );
    expect(ruleFindings('sql-injection', code).map((f) => f.split(':')[0])).not.toContain('3');
  });
});

describe('sql-injection: input from a request', () => {
  it('is reported at the query call, naming where the input was read', () => {
    const code = lines(
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      "require('express')().get('/u', async (req, res) => {",
      "  const sql = 'SELECT * FROM users WHERE name = ' + req.query.name;",
      '',
      '  res.json(await pool.query(sql));',
      '});',
    );
    expect(ruleFindings('sql-injection', code)).toEqual(['6:critical']);
  });
});

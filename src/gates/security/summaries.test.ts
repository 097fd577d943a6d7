import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * A closure returning a variable of its enclosing function carries that variable's flow to its
 * callers; of several same-named helpers (one per route handler) a call runs the one declared
 * around it.
 */
describe('closures over input (summaries.ts)', () => {
  it('reports a command built by a closure that reads a variable of the handler', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      "app.get('/a', (req, res) => {",
      '  const dir = req.query.dir;',
      "  const build = () => 'ls ' + dir;",
      '  exec(build());',
      '});',
      "app.get('/b', (req, res) => {",
      '  const name = req.query.name;',
      "  function build() { return 'id ' + name; }",
      '  exec(build());',
      '});',
      "app.get('/c', (req, res) => {",
      '  const pick = () => req.query.cmd;',
      '  exec(pick());',
      '});',
    );
    expect(ruleFindings('command-injection', code)).toEqual([
      '4:critical',
      '10:critical',
      '13:critical',
    ]);
  });

  it('does not report a closure over a constant, whichever same-named helper comes last', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      "app.get('/a', (req, res) => {",
      "  const dir = '/var/log';",
      "  const build = () => 'ls ' + dir;",
      '  exec(build());',
      '});',
      "app.get('/b', (req, res) => {",
      '  const build = () => req.query.cmd;',
      '  res.send(build());',
      '});',
    );
    expect(ruleFindings('command-injection', code)).toEqual([]);
  });
});

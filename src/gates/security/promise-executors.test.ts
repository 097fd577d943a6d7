import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** A promise built with `new Promise(executor)` carries what the executor resolves it with. */
describe('new Promise((resolve) => resolve(value))', () => {
  it('passes input resolved by the executor to .then() and await', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      "app.get('/a', async (req, res) => {",
      '  const p = new Promise((resolve) => setTimeout(() => resolve(req.query.cmd), 10));',
      '  p.then((cmd) => exec(cmd));',
      '  const again = await new Promise((ok) => ok(req.query.cmd));',
      '  exec(again);',
      '});',
    );
    expect(ruleFindings('command-injection', code)).toEqual(['4:critical', '5:critical']);
  });

  it('does not report a promise resolved with a constant', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      "app.get('/a', async (req, res) => {",
      "  const cmd = await new Promise((resolve) => resolve('uptime'));",
      '  exec(cmd);',
      '});',
    );
    expect(ruleFindings('command-injection', code)).toEqual([]);
  });
});

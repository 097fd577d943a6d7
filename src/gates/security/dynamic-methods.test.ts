import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * A method chosen by input — called in place or through `.call/.apply` — can be any function of
 * the object or its prototype chain; an own-property check or an allow-list of the names makes
 * it one of the object's own handlers.
 */
describe('methods chosen by input', () => {
  const route = (...body: string[]): string =>
    lines("app.post('/rpc', (req, res) => {", ...body, '});');

  it('reports obj[input]() and obj[input].apply(…)', () => {
    const code = route(
      '  api[req.body.method](req.body.arg);',
      '  api[req.body.method].apply(api, req.body.args);',
    );
    expect(ruleFindings('code-injection', code)).toEqual(['2:high', '3:high']);
  });

  it('does not report a name checked as an own property or against an allow-list', () => {
    const code = route(
      '  const m = req.body.method;',
      '  if (!Object.prototype.hasOwnProperty.call(api, m)) return res.sendStatus(404);',
      '  api[m](req.body.arg);',
      '  const n = req.body.other;',
      "  if (!['list', 'show'].includes(n)) return res.sendStatus(404);",
      '  api[n].call(api, req.body.arg);',
    );
    expect(ruleFindings('code-injection', code)).toEqual([]);
  });
});

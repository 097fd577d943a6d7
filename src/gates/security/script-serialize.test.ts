import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * serialize-javascript escapes `<`, `>` and `/` unless told `{ unsafe: true }`: its output may
 * sit in a `<script>` element (JSON.stringify's may not: `</script>` ends the element).
 */
describe('state serialised into a script element', () => {
  it('does not report serialize() output, in place or through a variable', () => {
    const code = lines(
      "const serialize = require('serialize-javascript');",
      "app.get('/', (req, res) => {",
      '  const state = serialize(req.query);',
      '  res.send(`<script>window.A = ${serialize(req.body)}; window.B = ${state};</script>`);',
      '});',
    );
    expect(ruleFindings('xss', code)).toEqual([]);
  });

  it('reports the unsafe mode and JSON.stringify', () => {
    const code = lines(
      "const serialize = require('serialize-javascript');",
      "app.get('/', (req, res) => {",
      '  res.send(`<script>window.A = ${serialize(req.body, { unsafe: true })};</script>`);',
      '  res.send(`<script>window.B = ${JSON.stringify(req.body)};</script>`);',
      '});',
    );
    expect(new Set(ruleFindings('xss', code).map((f) => f.split(':')[0]))).toEqual(
      new Set(['3', '4']),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Mustache output repeats its template: an input template is input markup (logicless-templates.ts). */

const route = (...body: string[]): string =>
  lines(
    "const Mustache = require('mustache');",
    "require('express')().post('/preview', (req, res) => {",
    ...body,
    '});',
  );

describe('xss: a Mustache template from input', () => {
  it('sent after rendering, is reported where it is sent', () => {
    const code = route(
      '  const page = Mustache.render(req.body.template, { user: req.user });',
      '',
      '  res.send(page);',
    );
    expect(ruleFindings('xss', code)).toEqual(['5:high']);
  });

  it('imported by name, too', () => {
    const code = lines(
      "import { render } from 'mustache';",
      "require('express')().post('/p', (req, res) => res.send(render(req.body.tpl, {})));",
    );
    expect(ruleFindings('xss', code)).toEqual(['2:high']);
  });

  it('a constant template with escaped input values is safe', () => {
    const code = route(
      "  res.send(Mustache.render('<p>Hello {{name}}</p>', { name: req.body.name }));",
    );
    expect(ruleFindings('xss', code)).toEqual([]);
  });

  it('the render method of another object does not repeat its argument', () => {
    const code = route('  res.send(chart.render(req.body.series));');
    expect(ruleFindings('xss', code)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** A library's HTML-escaping hook replaced by the identity turns escaped output into raw HTML. */
describe('escape hooks that return their input', () => {
  it('reports select2 escapeMarkup, a Mustache render config escape and Mustache.escape', () => {
    const code = lines(
      "const Mustache = require('mustache');",
      "$('#tags').select2({ escapeMarkup: (markup) => markup });",
      "$('#users').select2({ escapeMarkup: function (m) { return m; } });",
      'Mustache.render(tpl, view, {}, { escape: (text) => text });',
      'Mustache.escape = function (text) { return text; };',
      'widget.escapeHtml = (s) => s;',
    );
    expect(ruleFindings('xss', code).map((f) => f.split(':')[0])).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });

  it('does not report an escaping hook, or an identity `escape` outside a template engine', () => {
    const code = lines(
      "const Mustache = require('mustache');",
      "$('#tags').select2({ escapeMarkup: (m) => DOMPurify.sanitize(m) });",
      "Mustache.escape = (text) => String(text).replace(/</g, '&lt;');",
      'const csv = { escape: (cell) => cell };',
      'format(rows, { escape: (v) => v });',
    );
    expect(ruleFindings('xss', code)).toEqual([]);
  });
});

describe('Vue templates written in code', () => {
  it('reports v-html in a component template string, not text interpolation', () => {
    const code = lines(
      "Vue.component('note', { props: ['body'], template: '<div v-html=\"body\"></div>' });",
      "Vue.component('title', { props: ['t'], template: '<h1>{{ t }}</h1>' });",
      'const App = { template: `<p v-html="raw"></p>`, data: () => ({ raw: "" }) };',
    );
    expect(ruleFindings('xss', code).map((f) => f.split(':')[0])).toEqual(['1', '3']);
  });
});

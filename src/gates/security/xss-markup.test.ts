import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

function findings(code: string, file = 'app.js'): { rule: string; line: number }[] {
  return analyzeSource(file, code).map((f) => ({ rule: f.rule, line: f.line }));
}

const xssLines = (code: string, file?: string): number[] =>
  findings(code, file)
    .filter((f) => f.rule === 'xss')
    .map((f) => f.line);

describe('xss: HTML markup built from input', () => {
  it('reports markup concatenated with request input where it is built', () => {
    const code =
      "app.get('/x', (req, res) => {\n  const card = '<div>' + req.query.name + '</div>';\n  cache.put(card);\n});";
    expect(xssLines(code)).toEqual([2]);
  });

  it('reports a template literal with a tag around browser input', () => {
    const code =
      'function show() {\n  const link = `<a href="${document.referrer}">back</a>`;\n  return link;\n}';
    expect(xssLines(code)).toEqual([2]);
  });

  it("reports '<p>'.concat(input) and util.format('<i>%s</i>', input)", () => {
    const code =
      "const util = require('util');\napp.get('/x', (req, res) => {\n  const a = '<p>'.concat(req.query.a);\n  const b = util.format('<i>%s</i>', req.query.b);\n  store(a, b);\n});";
    expect(xssLines(code)).toEqual([3, 4]);
  });

  it('does not report markup stored in a variable nothing reads', () => {
    const unsafe =
      'function banner() {\n  const html = `<p class="note">${location.hash}</p>`;\n  notes.push(html);\n}';
    const safe =
      'function banner() {\n  const html = `<p class="note">${location.hash}</p>`;\n  notes.push(\'ready\');\n}';
    expect(xssLines(unsafe)).toEqual([2]);
    expect(xssLines(safe)).toEqual([]);
  });

  it('treats web storage reads as input', () => {
    const code = "function f() {\n  return '<b>' + localStorage.getItem('nick') + '</b>';\n}";
    expect(xssLines(code)).toEqual([2]);
  });

  it('does not report text without markup, escaped input, or constants', () => {
    const code =
      "app.get('/x', (req, res) => {\n  const a = 'Hello ' + req.query.name;\n  const b = '<b>' + escapeHtml(req.query.name) + '</b>';\n  const c = '<b>' + 42 + '</b>';\n  store(a, b, c);\n});";
    expect(xssLines(code)).toEqual([]);
  });

  it('does not report markup appended to a variable that already held input', () => {
    const code =
      "function f() {\n  let html = document.cookie;\n  html += '<li>';\n  html = html + '</li>';\n  return html;\n}";
    expect(xssLines(code)).toEqual([]);
  });

  it('leaves markup handed straight to an HTML sink to that sink (one finding per line)', () => {
    const code = "app.get('/x', (req, res) => {\n  res.send('<h1>' + req.query.t + '</h1>');\n});";
    expect(findings(code).filter((f) => f.rule === 'xss')).toHaveLength(1);
  });
});

describe('server-side browser script from request input', () => {
  const pp = "const puppeteer = require('puppeteer');\n";
  it('is SSRF when request input is the page script', () => {
    const code = `${pp}app.get('/x', async (req, res) => {\n  const page = await (await puppeteer.launch()).newPage();\n  await page.evaluate(req.query.js);\n});`;
    expect(findings(code).map((f) => f.rule)).toContain('ssrf');
  });
  it('stays code injection when the script comes from a parameter', () => {
    const code = `${pp}async function run(page, js) {\n  await page.evaluate('(' + js + ')()');\n}`;
    const rules = findings(code).map((f) => f.rule);
    expect(rules).toContain('code-injection');
    expect(rules).not.toContain('ssrf');
  });
});

describe('AngularJS $sce.trustAs<Kind>() of a variable copied from $scope', () => {
  const ctrl = (body: string): string =>
    `app.controller('c', function ($scope, $sce) {\n  $scope.go = function () {\n${body}\n  };\n});`;
  const xss = (code: string): number[] =>
    analyzeSource('c.js', code)
      .filter((f) => f.rule === 'xss')
      .map((f) => f.line);

  it('is reported at the trustAs call, where the value is declared safe', () => {
    expect(
      xss(ctrl('    input = $scope.html;\n\n    $scope.t = $sce.trustAsHtml(input);')),
    ).toEqual([5]);
  });

  it('copied on the line just above the call: from the copy, one block (ADR 0045)', () => {
    expect(xss(ctrl('    input = $scope.html;\n    $scope.t = $sce.trustAsHtml(input);'))).toEqual([
      3,
    ]);
  });

  it('is reported at the call when the value is not a copy of the scope', () => {
    expect(xss(ctrl('    $scope.t = $sce.trustAsHtml($scope.html);'))).toEqual([3]);
    expect(xss(ctrl("    input = 'fixed';\n    $scope.t = $sce.trustAsHtml(input);"))).toEqual([]);
  });
});

describe('xss: script markup built with a value', () => {
  it('reports a value spliced inside a script element or its tag', () => {
    const code = [
      'function page(config, bundle) {',
      '  const a = `<script>window.CONFIG = ${config};</script>`;',
      "  const b = '<script src=\"' + bundle + '\"></script>';",
      '  return a + b;',
      '}',
    ].join('\n');
    expect(xssLines(code)).toEqual([2, 3]);
  });

  it('does not report values outside the script element of a page that holds one', () => {
    const code = [
      'function page(title, body) {',
      '  return `<h1>${title}</h1><script src="/app.js"></script><p>${body}</p>`;',
      '}',
    ].join('\n');
    expect(xssLines(code)).toEqual([]);
  });
});

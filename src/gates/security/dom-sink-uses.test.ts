import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * Markup built from input into a variable that a DOM sink renders later is one flaw, reported
 * once, at the sink (whose message names the source's line); markup a server response sends
 * stays reported where it is built.
 */
describe('markup stored in a variable and rendered by a DOM sink', () => {
  // Built on the line just above the sink, the markup and the sink are one finding that starts
  // where the markup is built (ADR 0045).
  it('reports once, from where the markup is built, for concatenation, templates, += and array joins', () => {
    const code = lines(
      'function a() {',
      "  const h = '<p>' + location.hash + '</p>';",
      '  document.body.innerHTML = h;',
      '}',
      'function b() {',
      "  const h = ['<li>', location.hash, '</li>'].join('');",
      "  $('#list').append(h);",
      '}',
      'function c() {',
      "  let h = '<ul>';",
      "  h += '<li>' + location.search + '</li>';",
      '  document.write(h);',
      '}',
      'function d() {',
      "  const s = '<img src=\"' + location.hash + '\">';",
      "  $(s).appendTo('body');",
      '}',
      'function e() {',
      "  const s = '<script>' + location.hash + '</script>';",
      '  document.body.innerHTML = s;',
      '}',
      'function f() {',
      "  const li = '<li>' + location.hash + '</li>';",
      "  document.getElementById('list').innerHTML += li;",
      '}',
    );
    expect(ruleFindings('xss', code)).toEqual([
      '2:high',
      '6:high',
      '11:high',
      '15:high',
      '19:high',
      '23:high',
    ]);
  });

  it('still reports markup where it is built when a server response or nothing known renders it', () => {
    const code = lines(
      "app.get('/p', (req, res) => {",
      "  const h = '<p>' + req.query.q + '</p>';",
      '  res.send(h);',
      '});',
      'function d() {',
      "  const h = '<p>' + location.hash + '</p>';",
      '  widget.setContent(h);',
      '}',
    );
    expect(ruleFindings('xss', code)).toEqual(['2:high', '6:high']);
  });
});

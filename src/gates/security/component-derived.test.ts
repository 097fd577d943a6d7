import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * Markup built from a component's props or state (concatenation, template literals, joins,
 * string methods, a raw-HTML markdown renderer) is the component's input still: React's
 * `dangerouslySetInnerHTML` and `<iframe srcDoc>` report it like the prop itself.
 */
describe('raw HTML built from a component input', () => {
  it('reports concatenation, templates, joins, replaces and marked() of props', () => {
    const code = lines(
      "import { marked } from 'marked';",
      'export function A(props) {',
      "  return <b dangerouslySetInnerHTML={{ __html: '<i>' + props.name + '</i>' }} />;",
      '}',
      'export function B({ title }) {',
      '  return <b dangerouslySetInnerHTML={{ __html: `<h1>${title}</h1>` }} />;',
      '}',
      'export function C({ text }) {',
      '  const html = marked(text);',
      '  return <div dangerouslySetInnerHTML={{ __html: html }} />;',
      '}',
      'export function D({ lines }) {',
      "  return <p dangerouslySetInnerHTML={{ __html: lines.join('<br>') }} />;",
      '}',
      'export function E({ note }) {',
      "  const html = note.replace(/\\n/g, '<br>');",
      '  return <p dangerouslySetInnerHTML={{ __html: html }} />;',
      '}',
    );
    expect(ruleFindings('xss', code, 'a.jsx')).toEqual([
      '3:medium',
      '6:medium',
      '10:medium',
      '13:medium',
      '17:medium',
    ]);
  });

  it('reports props serialised with JSON.stringify into an inline script', () => {
    const code = lines(
      'export function State({ data }) {',
      '  return <script dangerouslySetInnerHTML={{ __html: `window.__DATA__ = ${JSON.stringify(data)}` }} />;',
      '}',
    );
    expect(ruleFindings('xss', code, 's.jsx')).toEqual(['2:medium']);
  });

  it('reports an iframe srcDoc from props', () => {
    const code = lines(
      'export function Preview({ doc }) {',
      '  return <iframe srcDoc={doc} />;',
      '}',
    );
    expect(ruleFindings('xss', code, 'p.jsx')).toEqual(['2:medium']);
  });

  it('does not report escaped or sanitized props, a helper result or a constant document', () => {
    const code = lines(
      "import DOMPurify from 'dompurify';",
      'export function A({ note }) {',
      "  const html = escapeHtml(note).replace(/\\n/g, '<br>');",
      '  return <p dangerouslySetInnerHTML={{ __html: html }} />;',
      '}',
      'export function B({ body }) {',
      '  return <p dangerouslySetInnerHTML={{ __html: `<div>${DOMPurify.sanitize(body)}</div>` }} />;',
      '}',
      'export function C() {',
      '  const html = renderFooter();',
      "  return <iframe srcDoc={'<p>' + html + '</p>'} />;",
      '}',
      'export function D() {',
      '  return <iframe srcDoc="<p>static</p>" />;',
      '}',
    );
    expect(ruleFindings('xss', code, 'b.jsx')).toEqual([]);
  });
});

describe('link URLs built from a component input', () => {
  it('reports a prop URL through a template, a concatenation with nothing fixed in front, or a default', () => {
    const code = lines(
      'export const A = ({ url }) => <a href={`${url}`}>a</a>;',
      "export const B = (props) => <a href={props.url || '#'}>b</a>;",
      "export const C = ({ code }) => <a href={'javascript:' + code}>c</a>;",
      'export const D = ({ next }) => <form action={next} />;',
      'export const E = ({ doc }) => <object data={doc} />;',
      'export const F = ({ page }) => <iframe src={page} />;',
    );
    expect(ruleFindings('xss', code, 'l.jsx')).toEqual([
      '1:low',
      '2:low',
      '3:low',
      '4:low',
      '5:low',
      '6:low',
    ]);
  });

  it('does not report a fixed origin or path in front, an image source, or a sanitized URL', () => {
    const code = lines(
      "export const A = ({ id }) => <a href={'https://example.com/u/' + id}>a</a>;",
      'export const B = ({ id }) => <a href={`/users/${id}`}>b</a>;',
      'export const C = ({ avatar }) => <img src={avatar} />;',
      'export const D = ({ url }) => <a href={sanitizeUrl(url)}>d</a>;',
    );
    expect(ruleFindings('xss', code, 'm.jsx')).toEqual([]);
  });
});

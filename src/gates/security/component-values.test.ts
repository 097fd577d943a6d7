import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * A component's input copied into a local (`const { url } = props`, `const html = this.state.html`,
 * hook state) is the component's input still: link URLs and raw HTML from it are reported like
 * `props.url` itself (low for a URL prop, medium for raw HTML).
 */
describe('component input through a local binding', () => {
  it('reports a link URL destructured from props or held in hook state', () => {
    const code = lines(
      "import React, { useState } from 'react';",
      'export function Profile(props) {',
      '  const { homepage } = props;',
      "  const [next] = useState('');",
      '  return (',
      '    <div>',
      '      <a href={homepage}>site</a>',
      '      <a href={next}>continue</a>',
      '    </div>',
      '  );',
      '}',
    );
    expect(ruleFindings('xss', code, 'p.jsx')).toEqual(['7:low', '8:low']);
  });

  it('reports raw HTML taken from props through a local', () => {
    const code = lines(
      'export function Bio(props) {',
      '  const html = props.bio;',
      '  return <div dangerouslySetInnerHTML={{ __html: html }} />;',
      '}',
    );
    expect(ruleFindings('xss', code, 'b.jsx').length).toBe(1);
  });

  it('does not report a setter, a computed local, a fixed prefix or an element of a list', () => {
    const code = lines(
      "import React, { useState } from 'react';",
      'export function Nav(props) {',
      "  const [, setTab] = useState('');",
      '  const { id } = props;',
      '  const home = buildHomeUrl();',
      '  return (',
      '    <nav>',
      '      <a href={`/users/${id}`} onClick={() => setTab(id)}>me</a>',
      '      <a href={home}>home</a>',
      '      {props.items.map((item) => <a key={item} href={"/i/" + item}>i</a>)}',
      '    </nav>',
      '  );',
      '}',
    );
    expect(ruleFindings('xss', code, 'n.jsx')).toEqual([]);
  });
});

describe('a link URL from props picked by a scheme check', () => {
  const link = (pick: string): string =>
    lines(
      'export function Link({ href, children }) {',
      `  const url = ${pick};`,
      '  return <a href={url}>{children}</a>;',
      '}',
    );
  it('is not reported when the check fixes an http(s) scheme or a path', () => {
    expect(ruleFindings('xss', link("href.startsWith('https://') ? href : '#'"), 'l.jsx')).toEqual(
      [],
    );
    expect(ruleFindings('xss', link("/^https?:\\/\\//.test(href) ? href : '#'"), 'l.jsx')).toEqual(
      [],
    );
    expect(ruleFindings('xss', link("!href.startsWith('/') ? '/' : href"), 'l.jsx')).toEqual([]);
  });
  it('is reported when the check proves nothing about the scheme', () => {
    expect(ruleFindings('xss', link("href.length > 0 ? href : '#'"), 'l.jsx')).toEqual(['3:low']);
    expect(
      ruleFindings('xss', link("href.startsWith('javascript:') ? '#' : href"), 'l.jsx'),
    ).toEqual(['3:low']);
  });
});

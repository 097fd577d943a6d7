import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Markdown renderers that keep raw HTML carry the input's taint into their output. */

const highXss = (code: string): number[] =>
  analyzeSource('page.js', code)
    .filter((f) => f.rule === 'xss' && f.severity === 'high')
    .map((f) => f.line);

describe('markdown-it with raw HTML enabled', () => {
  it('render() of input with { html: true } is input as HTML', () => {
    const code = [
      "import MarkdownIt from 'markdown-it';",
      'const md = new MarkdownIt({ html: true });',
      "const inline = require('markdown-it')('commonmark', { html: true });",
      'preview.innerHTML = md.render(location.hash.slice(1));',
      'title.innerHTML = inline.renderInline(location.hash.slice(1));',
    ].join('\n');
    expect(highXss(code)).toEqual([4, 5]);
  });

  it('the default renderer escapes raw HTML', () => {
    const code = [
      "import MarkdownIt from 'markdown-it';",
      'const md = new MarkdownIt({ linkify: true });',
      'preview.innerHTML = md.render(location.hash.slice(1));',
    ].join('\n');
    expect(highXss(code)).toEqual([]);
  });
});

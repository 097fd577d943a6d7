import { describe, expect, it } from 'vitest';
import { scanTemplate } from './templates.js';

const lines = (path: string, src: string): number[] => scanTemplate(path, src).map((f) => f.line);

describe('template output in script contexts on one line', () => {
  it('reports escaped output inside a one-line <script> element', () => {
    expect(lines('v.mustache', '<p>{{ a }}</p>\n<script>var a = "{{ name }}";</script>')).toEqual([
      2,
    ]);
    expect(lines('v.ejs', '<script>var n = "<%= name %>";</script>')).toEqual([1]);
  });

  it('reports escaped output inside an on… event-handler attribute', () => {
    expect(lines('v.ejs', `<div onclick="go('<%= id %>')">x</div>`)).toEqual([1]);
    expect(lines('v.hbs', `<button onmouseover='show("{{ tip }}")'>?</button>`)).toEqual([1]);
  });

  it('accepts escaped output in text, in a closed script before it, and in plain attributes', () => {
    const src =
      '<script src="/app.js"></script><p><%= name %></p>\n<div title="<%= t %>">x</div>\n<script>init()</script> <b><%= n %></b>';
    expect(lines('v.ejs', src)).toEqual([]);
  });
});

describe('pug script blocks', () => {
  it('reports interpolation in the piped text of a bare script tag', () => {
    const src = 'html\n  body\n    script\n      | var user = "#{name}";\n    p #{name}';
    expect(lines('v.pug', src)).toEqual([4]);
  });
});

describe('Svelte components', () => {
  it('reports {@html} and a whole-value link, not escaped output or script code', () => {
    const src =
      '<script>\n  export let bio;\n  const label = `${bio}`;\n</script>\n<p>{bio}</p>\n<div>{@html bio}</div>\n<a href={link}>me</a>\n<a href="/about">about</a>';
    expect(lines('Card.svelte', src)).toEqual([6, 7]);
  });
});

describe('Nunjucks templates', () => {
  it('reports | safe, a whole-value link and a value in a script, not escaped output', () => {
    const src = [
      '<div>{{ bio | safe }}</div>',
      '<a href="{{ homepage }}">site</a>',
      '<script>var user = "{{ name }}";</script>',
      '<p>{{ bio }}</p>',
      '<a href="/users/{{ id }}">{{ title | upper }}</a>',
    ].join('\n');
    expect(lines('profile.njk', src)).toEqual([1, 2, 3]);
  });
});

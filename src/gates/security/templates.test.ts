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
  it('reports buffered code as the content of a script tag: escaped for HTML, run as JavaScript', () => {
    const src = [
      'html',
      '  body',
      "    script= 'var user = ' + JSON.stringify(user)",
      "    script(type='text/javascript')= config",
      '    p= user',
      "    script= 'init()'",
      "    script(type='text/template')= tpl",
      "    script(src='/app.js')",
    ].join('\n');
    expect(lines('v.pug', src)).toEqual([3, 4]);
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

describe('escaped output where escaping does not protect', () => {
  it('reports an unquoted attribute value printed from a value', () => {
    expect(
      lines('v.ejs', '<div class=<%= cls %>>x</div>\n<div class="<%= cls %>">x</div>'),
    ).toEqual([1]);
    expect(lines('v.hbs', '<img alt={{ alt }}>\n<img alt="{{ alt }}">')).toEqual([1]);
    expect(lines('v.njk', '<td width={{ w }}>\n<td width="{{ w }}">')).toEqual([1]);
  });

  it('reports the script message, not the attribute one, for an assignment inside <script>', () => {
    const found = scanTemplate('v.hbs', '<script>\n  var count = {{ n }};\n</script>');
    expect(found.map((f) => [f.line, /script/.test(f.message)])).toEqual([[2, true]]);
  });

  it('reports Nunjucks output inside {% autoescape false %}, not after it', () => {
    const src = '{% autoescape false %}\n<p>{{ body }}</p>\n{% endautoescape %}\n<p>{{ body }}</p>';
    expect(lines('v.njk', src)).toEqual([2]);
  });

  it('reports Vue bindings of innerHTML/srcdoc like v-html, not other bindings', () => {
    const src =
      '<template>\n  <div :innerHTML="html"></div>\n  <iframe v-bind:srcdoc="doc"></iframe>\n  <p :title="html">x</p>\n</template>';
    expect(lines('C.vue', src)).toEqual([2, 3]);
  });
});

describe('script elements: JavaScript or a template container', () => {
  it('does not read a text/template or JSON script element as JavaScript', () => {
    const src =
      '<script type="text/template">\n  <p>{{ a }}</p>\n</script>\n<script type="text/javascript">\n  var a = "{{ a }}";\n</script>';
    expect(lines('v.mustache', src)).toEqual([5]);
  });

  it('reads consecutive pug script blocks and a script tag with inline text', () => {
    const src =
      'script.\n  var a = "#{a}";\nscript(type="text/javascript").\n  var c = #{c};\nscript var d = #{d};\nscript(type="text/template").\n  p #{e}';
    expect(lines('v.pug', src)).toEqual([2, 4, 5]);
  });
});

describe('raw output of a sanitizer call', () => {
  it('is not reported; raw output of anything else is', () => {
    const vue =
      '<div v-html="$sanitize(bio)"></div>\n<div v-html="DOMPurify.sanitize(bio)"></div>\n<div v-html="marked(bio)"></div>\n<div v-html="unsanitize(bio)"></div>';
    expect(lines('c.vue', vue)).toEqual([3, 4]);
    expect(lines('v.ejs', '<%- sanitizeHtml(bio) %>\n<%- bio %>')).toEqual([2]);
    expect(lines('v.hbs', '{{{sanitize bio}}}\n{{{markdown bio}}}')).toEqual([2]);
    expect(lines('p.svelte', '{@html DOMPurify.sanitize(html)}\n{@html html}')).toEqual([2]);
  });
});

describe('URL attributes whose scheme or host is a value', () => {
  it('reports a value at the start of the URL or as its host, not in its path', () => {
    const unsafe = [
      '<script src="//<%= cdn %>/app.js"></script>',
      '<a href="https://<%= host %>/login">in</a>',
      '<img src="{{url}}/avatar.png">',
    ];
    expect(unsafe.map((src, i) => lines(i === 2 ? 'v.hbs' : 'v.ejs', src))).toEqual([
      [1],
      [1],
      [1],
    ]);
    expect(lines('v.pug', 'a(href=`${base}/docs`) Docs')).toEqual([1]);
    const safe = [
      '<script src="/js/<%= name %>.js"></script>',
      '<a href="https://example.com/<%= path %>">x</a>',
    ];
    expect(safe.map((src) => lines('v.ejs', src))).toEqual([[], []]);
    expect(lines('v.pug', 'a(href=`/users/${id}`) Profile')).toEqual([]);
  });
});

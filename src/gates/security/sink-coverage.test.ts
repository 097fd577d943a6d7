import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Sinks and sink aliases added for code nobody here wrote: each with a safe look-alike. */

function rulesOf(code: string, file = 'app.js'): string[] {
  return analyzeSource(file, code).map((f) => f.rule);
}

const route = (body: string): string => `app.get('/x', async (req, res) => {\n${body}\n});\n`;

/** [what, rule, vulnerable snippet, safe look-alike]. */
const cases: [string, string, string, string][] = [
  [
    'jQuery insert of a non-constant string (jQuery parses it as HTML)',
    'xss',
    "function show(msg) {\n  $('#log').prepend(msg);\n}",
    "function show() {\n  const row = document.createElement('li');\n  $('#log').prepend(row);\n}",
  ],
  [
    'jQuery wrapInner with input',
    'xss',
    "function f() {\n  $('p').wrapInner(location.hash.slice(1));\n}",
    "function f() {\n  $('p').wrapInner('<b></b>');\n}",
  ],
  [
    'createContextualFragment parses its argument as HTML',
    'xss',
    'function f() {\n  return document.createRange().createContextualFragment(location.hash);\n}',
    "function f() {\n  return document.createRange().createContextualFragment('<br>');\n}",
  ],
  [
    'iframe srcdoc is an HTML document',
    'xss',
    'function f(frame) {\n  frame.srcdoc = decodeURIComponent(location.search);\n}',
    "function f(frame) {\n  frame.srcdoc = '<p>loading</p>';\n}",
  ],
  [
    "Hono's c.html() of input",
    'xss',
    "app.get('/x', (c) => c.html('<p>' + c.req.query('q') + '</p>'));",
    "app.get('/x', (c) => c.html('<p>' + Number(c.req.query('q')) + '</p>'));",
  ],
  [
    'a method picked by input',
    'code-injection',
    route('const actions = { list() {}, add() {} };\nactions[req.query.op](req.body);'),
    route(
      "const actions = { list() {}, add() {} };\nconst op = req.query.op === 'add' ? 'add' : 'list';\nactions[op](req.body);",
    ),
  ],
  [
    'vm2 sandbox globals from input',
    'code-injection',
    `const { VM } = require('vm2');\n${route("new VM({ sandbox: { input: req.query.x } }).run('input.length');")}`,
    `const { VM } = require('vm2');\n${route("new VM({ sandbox: { n: 1 } }).run('n + 1');")}`,
  ],
  [
    'an alias of a child_process function',
    'command-injection',
    `const cp = require('child_process');\n${route("const sh = cp.execSync;\nsh('ls ' + req.query.dir);")}`,
    `const cp = require('child_process');\n${route("const sh = cp.execSync;\nsh('ls /tmp');")}`,
  ],
  [
    'destructured from an imported module object',
    'command-injection',
    `const cp = require('child_process');\n${route("const { exec: run } = cp;\nrun('ls ' + req.query.dir);")}`,
    `const cp = require('child_process');\n${route("const { exec: run } = cp;\nrun('ls');")}`,
  ],
  [
    'an alias of eval',
    'code-injection',
    route('const evaluate = eval;\nevaluate(req.body.expr);'),
    route("const evaluate = eval;\nevaluate('1 + 1');"),
  ],
  [
    'Promise.resolve(input).then(cb) hands the input to cb',
    'command-injection',
    `const { exec } = require('child_process');\n${route('Promise.resolve(req.query.c).then((c) => exec(c));')}`,
    `const { exec } = require('child_process');\n${route("Promise.resolve('ls').then((c) => exec(c));")}`,
  ],
  [
    'an AngularJS resource-URL allow-list of **',
    'xss',
    "app.config(($sceDelegateProvider) => {\n  $sceDelegateProvider.resourceUrlWhitelist(['self', '**']);\n});",
    "app.config(($sceDelegateProvider) => {\n  $sceDelegateProvider.resourceUrlWhitelist(['self', 'https://cdn.example.com/**']);\n});",
  ],
  [
    'angular-translate without a sanitize strategy',
    'xss',
    'app.config(($translateProvider) => {\n  $translateProvider.useSanitizeValueStrategy(null);\n});',
    "app.config(($translateProvider) => {\n  $translateProvider.useSanitizeValueStrategy('escape');\n});",
  ],
  [
    'Angular sanitize() with SecurityContext.NONE',
    'xss',
    'class C {\n  f(v) {\n    return this.s.sanitize(SecurityContext.NONE, v);\n  }\n}',
    'class C {\n  f(v) {\n    return this.s.sanitize(SecurityContext.HTML, v);\n  }\n}',
  ],
  [
    'Monaco markdown with supportHtml',
    'xss',
    'function hover(text) {\n  return new monaco.MarkdownString(text, { supportHtml: true });\n}',
    'function hover(text) {\n  return new monaco.MarkdownString(text, { supportHtml: false });\n}',
  ],
  [
    'a serverless text/html response whose body is the event',
    'xss',
    "exports.page = async (event) => ({\n  statusCode: 200,\n  headers: { 'Content-Type': 'text/html' },\n  body: event.body,\n});",
    "exports.page = async (event) => ({\n  statusCode: 200,\n  headers: { 'Content-Type': 'application/json' },\n  body: event.body,\n});",
  ],
  [
    'a NestJS @Redirect() handler returning a url from the query',
    'open-redirect',
    "class C {\n  @Get('r')\n  @Redirect('https://example.com', 302)\n  go(@Query('next') next) {\n    return { url: next };\n  }\n}",
    "class C {\n  @Get('r')\n  @Redirect('https://example.com', 302)\n  go(@Query('next') next) {\n    return { url: next === 'docs' ? '/docs' : '/' };\n  }\n}",
  ],
  [
    "a file read at a caller's argument",
    'path-traversal',
    "const fs = require('fs');\nfunction load(name) {\n  return fs.readFileSync(name, 'utf8');\n}",
    "const fs = require('fs');\nconst path = require('path');\nfunction load(name) {\n  return fs.readFileSync(path.join('/srv/data', path.basename(name)), 'utf8');\n}",
  ],
  [
    "a module named by a caller's argument",
    'code-injection',
    'function plugin(name) {\n  return require(name);\n}',
    "function plugin() {\n  return require('./plugins/default');\n}",
  ],
  [
    "sh -c with a caller's argument",
    'command-injection',
    "const { spawn } = require('child_process');\nfunction run(line) {\n  return spawn('sh', ['-c', line]);\n}",
    "const { spawn } = require('child_process');\nfunction run() {\n  return spawn('sh', ['-c', 'ls -la']);\n}",
  ],
  [
    'request input handed to page.evaluate() as an argument',
    'ssrf',
    `const puppeteer = require('puppeteer');\n${route('const page = await (await puppeteer.launch()).newPage();\nawait page.evaluate((u) => fetch(u), req.query.url);')}`,
    `const puppeteer = require('puppeteer');\n${route("const page = await (await puppeteer.launch()).newPage();\nawait page.evaluate((u) => fetch(u), '/health');")}`,
  ],
  [
    'a link href from the URL fragment',
    'xss',
    'function f(a) {\n  a.href = decodeURIComponent(location.hash.slice(1));\n}',
    "function f(a) {\n  a.href = '/help#' + encodeURIComponent(location.hash.slice(1));\n}",
  ],
  [
    'an event-handler attribute from a value',
    'xss',
    "function f(el, code) {\n  el.setAttribute('onclick', code);\n}",
    "function f(el, label) {\n  el.setAttribute('title', label);\n}",
  ],
  [
    "Angular Renderer2 setProperty(el, 'innerHTML', value)",
    'xss',
    "class C {\n  show(html) {\n    this.renderer.setProperty(this.el, 'innerHTML', html);\n  }\n}",
    "class C {\n  show(text) {\n    this.renderer.setProperty(this.el, 'textContent', text);\n  }\n}",
  ],
  [
    'an HTTP client instance whose baseURL is input',
    'ssrf',
    `const axios = require('axios');\n${route('const api = axios.create({ baseURL: req.query.base });\nawait api.get("/status");')}`,
    `const axios = require('axios');\n${route('const api = axios.create({ baseURL: "https://api.example.com" });\nawait api.get("/status/" + encodeURIComponent(req.query.id));')}`,
  ],
  [
    'knex whereRaw built from a caller argument',
    'sql-injection',
    "const knex = require('knex')({ client: 'pg' });\nfunction byId(id) {\n  return knex('t').whereRaw(`id = ${id}`);\n}",
    "const knex = require('knex')({ client: 'pg' });\nfunction byId(id) {\n  return knex('t').whereRaw('id = ?', [id]);\n}",
  ],
  [
    'a Location header set from input with res.set({ … })',
    'open-redirect',
    route('res.set({ Location: req.query.next });\nres.sendStatus(302);'),
    route("res.set({ Location: '/home' });\nres.sendStatus(302);"),
  ],
  [
    'a module required inside the function that uses it',
    'code-injection',
    "function run(code) {\n  const { VM } = require('vm2');\n  return new VM().run(code);\n}",
    "function run() {\n  const { VM } = require('vm2');\n  return new VM().run('1 + 1');\n}",
  ],
];

describe('security sinks for code nobody here wrote', () => {
  for (const [what, rule, bad, good] of cases) {
    it(`${what}: reported`, () => {
      expect(rulesOf(bad)).toContain(rule);
    });
    it(`${what}: safe variant not reported`, () => {
      expect(rulesOf(good)).not.toContain(rule);
    });
  }
});

describe('vm2 sandbox globals from a caller', () => {
  const lines = (code: string): number[] =>
    analyzeSource('box.js', code)
      .filter((f) => f.rule === 'code-injection')
      .map((f) => f.line);
  const VM2 = "const { NodeVM } = require('vm2');\n";

  it("reports the sandbox whose globals carry a caller's argument, at low severity", () => {
    const code = `${VM2}function start(input) {\n  const sandbox = { input };\n  return new NodeVM({ sandbox }).run('1');\n}`;
    expect(lines(code)).toEqual([3]);
    const [finding] = analyzeSource('box.js', code).filter((f) => f.rule === 'code-injection');
    expect(finding?.severity).toBe('low');
  });

  it('accepts a sandbox of module values', () => {
    const code = `${VM2}const fs = require('fs');\nfunction start() {\n  const sandbox = { fs };\n  return new NodeVM({ sandbox }).run('1');\n}`;
    expect(lines(code)).toEqual([]);
  });
});

describe("TypeScript's import x = require('y')", () => {
  it('binds the module like an import', () => {
    const code =
      "import runner = require('child_process');\nexport function run(req: any) {\n  runner.execSync('ls ' + req.query.dir);\n}";
    expect(rulesOf(code, 'run.ts')).toContain('command-injection');
    const safe =
      "import runner = require('child_process');\nexport function run() {\n  runner.execSync('ls');\n}";
    expect(rulesOf(safe, 'run.ts')).not.toContain('command-injection');
  });
});

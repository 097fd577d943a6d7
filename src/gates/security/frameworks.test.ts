import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';
import { scanTemplate } from './templates.js';

const found = (code: string, file = 'app.ts'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.cwe}:${f.line}`);

const FS = "import fs from 'node:fs';\nimport path from 'node:path';\n";
const CP = "import { exec, spawn } from 'node:child_process';\n";

/** [framework or source, expected rule:cwe:line, unsafe code, safe variant, file]. */
const pairs: [string, string, string, string, string?][] = [
  [
    'Express (typed, destructured request)',
    'path-traversal:CWE-22:5',
    `${FS}import type { Request, Response } from 'express';\nexport const get = ({ params }: Request, res: Response) => {\n  res.sendFile(path.join('/srv/files', params.name));\n};`,
    `${FS}import type { Request, Response } from 'express';\nexport const get = ({ params }: Request, res: Response) => {\n  res.sendFile(path.join('/srv/files', path.basename(params.name)));\n};`,
  ],
  [
    'Koa ctx.query into a shell',
    'command-injection:CWE-78:4',
    `${CP}import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/x', async (ctx) => { exec('convert ' + ctx.query.file); });`,
    `${CP}import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/x', async (ctx) => { spawn('convert', [String(ctx.query.file)]); });`,
  ],
  [
    'Fastify request.body into SQL',
    'sql-injection:CWE-89:3',
    "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/u', async (request, reply) => db.query(`SELECT * FROM u WHERE n = '${request.body.name}'`));",
    "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/u', async (request, reply) => db.query('SELECT * FROM u WHERE n = $1', [request.body.name]));",
  ],
  [
    'Hono c.req.query() into fetch',
    'ssrf:CWE-918:3',
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/p', async (c) => fetch(c.req.query('url')));",
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/p', async (c) => fetch('https://api.example.com/items/' + encodeURIComponent(c.req.query('id'))));",
  ],
  [
    'Next.js route handler (request: NextRequest)',
    'code-injection:CWE-95:3',
    "import type { NextRequest } from 'next/server';\nexport async function POST(request: NextRequest) {\n  return eval((await request.json()).expr);\n}",
    "import type { NextRequest } from 'next/server';\nexport async function POST(request: NextRequest) {\n  return JSON.parse((await request.json()).expr);\n}",
  ],
  [
    'NestJS @Query() into a shell',
    'command-injection:CWE-78:4',
    `${CP}@Controller('x')\nexport class X {\n  @Get() run(@Query('f') f: string) { exec('convert ' + f); }\n}`,
    `${CP}@Controller('x')\nexport class X {\n  @Get() run(@Query('f') f: string) { spawn('convert', [f]); }\n}`,
  ],
  [
    'process.argv into a shell',
    'command-injection:CWE-78:2',
    `${CP}exec('tar xf ' + process.argv[2]);`,
    `${CP}spawn('tar', ['xf', process.argv[2]]);`,
  ],
  [
    'process.argv: the arguments start at index 2 (0 and 1 are the node binary and the script)',
    'command-injection:CWE-78:2',
    `${CP}exec(process.argv[0] + ' ' + process.argv[2]);`,
    `${CP}exec(process.argv[0] + ' ' + process.argv[1] + ' --worker');`,
  ],
  [
    'postMessage event data into innerHTML',
    'xss:CWE-79:1',
    "window.addEventListener('message', (e) => { document.body.innerHTML = e.data.html; });",
    "window.addEventListener('message', (e) => { document.body.textContent = e.data.html; });",
  ],
  [
    'location.hash into document.write',
    'xss:CWE-79:1',
    'document.write(decodeURIComponent(location.hash.slice(1)));',
    'document.title = decodeURIComponent(location.hash.slice(1));',
  ],
  [
    'Lambda event member into vm context',
    'code-injection:CWE-94:3',
    "import vm from 'node:vm';\nexport const handler = async (event) => {\n  vm.runInNewContext('run()', { input: event.payload });\n};",
    "import vm from 'node:vm';\nexport const handler = async (event) => {\n  vm.runInNewContext('run()', { input: 1 });\n};",
  ],
  [
    'puppeteer navigating to a parameter',
    'ssrf:CWE-918:3',
    "import puppeteer from 'puppeteer';\nexport async function shot(page, target) {\n  await page.goto(target);\n}",
    "import puppeteer from 'puppeteer';\nexport async function shot(page) {\n  await page.goto('https://example.com/report');\n}",
  ],
  [
    'spawn with the shell option',
    'command-injection:CWE-78:2',
    `${CP}spawn('ls', ['-l'], { shell: true });`,
    `${CP}spawn('ls', ['-l'], { shell: false });`,
  ],
  [
    'git clone of a caller-supplied URL',
    'command-injection:CWE-88:2',
    `${CP}export const clone = (url) => spawn('git', ['clone', url]);`,
    `${CP}export const clone = (url) => spawn('git', ['clone', '--', url]);`,
  ],
  [
    'jQuery selector from the URL',
    'xss:CWE-79:1',
    "$(decodeURIComponent(location.hash.slice(1))).addClass('active');",
    "$('#' + CSS.escape(decodeURIComponent(location.hash.slice(1)))).addClass('active');",
  ],
  [
    'a file name argument joined under a directory',
    'path-traversal:CWE-22:3',
    `${FS}export function load(name) { return fs.readFileSync(path.join('/srv/data', name)); }`,
    `${FS}export function load(name) { return fs.readFileSync(path.join('/srv/data', path.basename(name))); }`,
  ],
  [
    'two levels of keys from the request (through a variable)',
    'prototype-pollution:CWE-1321:4',
    "app.post('/t/:list', (req, res) => {\n  const lists = store.lists;\n  const list = lists[req.params.list];\n  list[req.query.key] = req.query.value;\n});",
    "app.post('/t/:list', (req, res) => {\n  const list = store.lists.get(req.params.list);\n  list[req.query.key] = req.query.value;\n});",
  ],
  [
    'a helper that hands its argument to a shell',
    'command-injection:CWE-78:2',
    `${CP}export function run(cmd) { return exec(cmd); }`,
    `${CP}export function run() { return exec('git status'); }`,
  ],
  [
    'jQuery appending markup built from a value',
    'xss:CWE-79:1',
    "export const add = (name) => $('#list').append('<li>' + name + '</li>');",
    "export const add = (name) => $('#list').append($('<li>').text(name));",
  ],
  [
    'Angular trusting a scope value',
    'xss:CWE-79:2',
    "app.controller('c', function ($scope, $sce) {\n  $scope.safe = $sce.trustAsHtml($scope.comment);\n});",
    "app.controller('c', function ($scope, $sce) {\n  $scope.safe = $sce.trustAsHtml('<b>fixed</b>');\n});",
  ],
  [
    'React props into dangerouslySetInnerHTML',
    'xss:CWE-79:1',
    'export function Note(props) { return <div dangerouslySetInnerHTML={{ __html: props.body }} />; }',
    'export function Note(props) { return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(props.body) }} />; }',
    'note.tsx',
  ],
  [
    'Express HTML built from the query, reported where it is built',
    'xss:CWE-79:2',
    "app.get('/hi', (req, res) => {\n  const page = '<h1>' + req.query.name + '</h1>';\n  res.send(page);\n});",
    "app.get('/hi', (req, res) => {\n  const page = '<h1>' + escapeHtml(req.query.name) + '</h1>';\n  res.send(page);\n});",
  ],
  [
    'a JWT signed with a literal key, reported at the call',
    'hardcoded-credentials:CWE-798:3',
    "import jwt from 'jsonwebtoken';\nconst key = 'k3y-9f2b7c1d';\nexport const sign = (p) => jwt.sign(p, key);",
    "import jwt from 'jsonwebtoken';\nconst key = process.env.JWT_KEY;\nexport const sign = (p) => jwt.sign(p, key);",
  ],
  [
    'NestJS GraphQL @Args() into an HTTP client',
    'ssrf:CWE-918:6',
    "import { Resolver, Query, Args } from '@nestjs/graphql';\nimport axios from 'axios';\n@Resolver()\nexport class Proxy {\n  @Query(() => String)\n  async get(@Args('url') url: string) { return (await axios.get(url)).data; }\n}",
    "import { Resolver, Query, Args } from '@nestjs/graphql';\nimport axios from 'axios';\n@Resolver()\nexport class Proxy {\n  @Query(() => String)\n  async get(@Args('id') id: string) { return (await axios.get('https://api.example.com/items/' + encodeURIComponent(id))).data; }\n}",
  ],
  [
    "http.createServer's callback gets a request; https.get's callback gets the response",
    'ssrf:CWE-918:2',
    "import http from 'node:http';\nhttp.createServer((req, res) => { fetch(req.headers['x-upstream']); });",
    "import https from 'node:https';\nhttps.get('https://api.example.com/x', (res) => { fetch(res.headers.location); });",
  ],
];

describe('security taint: frameworks and sources, unsafe and safe', () => {
  it.each(pairs)('%s', (_what, expected, unsafe, safe, file) => {
    expect(found(unsafe, file)).toContain(expected);
    const [rule, cwe] = expected.split(':');
    expect(found(safe, file).filter((f) => f.startsWith(`${rule}:${cwe}:`))).toEqual([]);
  });

  it('says where the input came from and where it lands', () => {
    const code =
      "app.get('/x', (req, res) => {\n  const f = req.query.f;\n  exec('cat ' + f);\n});";
    const [finding] = analyzeSource('a.js', `const { exec } = require('child_process');\n${code}`);
    // the two lines are one block: the finding spans them, from the input to the sink
    expect([finding?.line, finding?.endLine]).toEqual([3, 4]);
    expect(finding?.message).toMatch(/line 3/);
  });
});

describe('prototype pollution guards come from the code, not its words', () => {
  const merge = (guard: string): string =>
    `export function merge(t, s) {\n  for (const k in s) {\n    ${guard}\n    if (typeof s[k] === 'object') merge(t[k], s[k]);\n    else t[k] = s[k];\n  }\n}`;

  it('flags a recursive merge whose only "guard" is a comment or a name', () => {
    const code = merge('// forbidden keys are blocked upstream; dangerous input is impossible');
    expect(found(code, 'm.js').map((f) => f.split(':')[0])).toContain('prototype-pollution');
  });

  it("flags a merge whose own-property check is on the source (JSON.parse output owns '__proto__')", () => {
    const code = merge('if (!Object.hasOwn(s, k)) continue;');
    expect(found(code, 'm.js').map((f) => f.split(':')[0])).toContain('prototype-pollution');
  });

  it('accepts a deny-list constant of the file', () => {
    const code = `const BLOCKED = ['__proto__', 'prototype'];\n${merge('if (BLOCKED.includes(k)) continue;')}`;
    expect(found(code, 'm.js').filter((f) => f.startsWith('prototype'))).toEqual([]);
  });

  it.each([
    ["if (k === '__proto__' || k === 'constructor') continue;"],
    // An own-property check on the target; on the source it is no guard (parsed JSON owns "__proto__").
    ['if (!Object.hasOwn(t, k)) continue;'],
    ["if (new Set(['__proto__', 'constructor', 'prototype']).has(k)) continue;"],
  ])('accepts a real key check: %s', (guard) => {
    expect(found(merge(guard), 'm.js').filter((f) => f.startsWith('prototype'))).toEqual([]);
  });
});

describe('templates', () => {
  it.each([
    ['EJS raw output', 'v.ejs', '<p><%- comment %></p>', '<p><%= comment %></p>'],
    [
      'EJS value in a script body',
      'v.ejs',
      '<script>\n  var m = <%= msg %>;\n</script>',
      '<script src="/a.js"></script>\n<p><%= msg %></p>',
    ],
    ['pug unescaped interpolation', 'v.pug', 'p !{bio}', 'p #{bio}'],
    ['pug href from a variable', 'v.pug', 'a(href=url) Go', 'a(href="/home") Go'],
    ['handlebars triple braces', 'v.hbs', '<div>{{{bio}}}</div>', '<div>{{bio}}</div>'],
    ['vue v-html', 'c.vue', '<div v-html="bio"></div>', '<div>{{ bio }}</div>'],
  ])('%s', (_what, file, unsafe, safe) => {
    expect(scanTemplate(file, unsafe).map((f) => f.cwe)).toContain('CWE-79');
    expect(scanTemplate(file, safe)).toEqual([]);
  });
});

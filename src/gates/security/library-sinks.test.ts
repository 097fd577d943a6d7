import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * Library APIs added by the recall audit of issue 11 (sinks and sources a scanner is expected to
 * know): for each, an unsafe form that must be reported with the rule and CWE, and a safe form
 * (constant, sanitized or fixed) that must not be reported for that rule.
 */

const found = (code: string, file = 'app.js'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.cwe}`);

const route = (imports: string, body: string): string =>
  `${imports}\nconst express = require('express');\nconst app = express();\napp.post('/run', async (req, res) => {\n${body}\n  res.end();\n});\n`;

/** [what, expected rule:cwe, unsafe, safe, file]. */
const cases: [string, string, string, string, string?][] = [
  // ---- command injection
  [
    'cross-spawn with a program from the request',
    'command-injection:CWE-78',
    route("const spawn = require('cross-spawn');", "  spawn(req.body.tool, ['--version']);"),
    route(
      "const spawn = require('cross-spawn');",
      "  spawn('node', ['--version', req.body.tool]);",
    ),
  ],
  [
    'cross-spawn.sync through a shell',
    'command-injection:CWE-78',
    route(
      "const crossSpawn = require('cross-spawn');",
      "  crossSpawn.sync('tar -xf ' + req.body.archive, { shell: true });",
    ),
    route(
      "const crossSpawn = require('cross-spawn');",
      "  crossSpawn.sync('tar', ['-xf', req.body.archive]);",
    ),
  ],
  [
    "execa's execaCommand() of a command line with input",
    'command-injection:CWE-78',
    route(
      "import { execaCommand } from 'execa';",
      "  await execaCommand('du -sh ' + req.query.dir);",
    ),
    route("import { execa } from 'execa';", "  await execa('du', ['-sh', String(req.query.dir)]);"),
  ],
  [
    'Deno.run through sh -c',
    'command-injection:CWE-78',
    "export async function archive(req: Request) {\n  const name = new URL(req.url).searchParams.get('name');\n  const p = Deno.run({ cmd: ['sh', '-c', `zip out.zip ${name}`] });\n  await p.status();\n}",
    "export async function archive(req: Request) {\n  const name = new URL(req.url).searchParams.get('name') ?? 'x';\n  const p = Deno.run({ cmd: ['zip', 'out.zip', name] });\n  await p.status();\n}",
    'server.ts',
  ],
  [
    'new Deno.Command with a program from the request',
    'command-injection:CWE-78',
    "export async function run(req: Request) {\n  const { tool } = await req.json();\n  await new Deno.Command(tool, { args: ['--help'] }).output();\n}",
    "export async function run(req: Request) {\n  const { tool } = await req.json();\n  await new Deno.Command('man', { args: [String(tool)] }).output();\n}",
    'server.ts',
  ],
  [
    "spawn() of a program named by the caller's argument (low)",
    'command-injection:CWE-78',
    "const { spawn } = require('child_process');\nfunction launch(program, args) {\n  return spawn(program, args);\n}",
    "const { spawn } = require('child_process');\nfunction launch(args) {\n  return spawn('ffmpeg', args);\n}",
  ],
  // ---- code evaluation
  [
    'worker_threads Worker with eval: true',
    'code-injection:CWE-95',
    route(
      "const { Worker } = require('worker_threads');",
      '  new Worker(req.body.job, { eval: true });',
    ),
    route(
      "const { Worker } = require('worker_threads');",
      "  new Worker('./jobs/resize.js', { workerData: req.body.job });",
    ),
  ],
  [
    'vm.SourceTextModule of request text',
    'code-injection:CWE-95',
    route(
      "const vm = require('node:vm');",
      '  const mod = new vm.SourceTextModule(req.body.source);',
    ),
    route(
      "const vm = require('node:vm');",
      "  const mod = new vm.SourceTextModule('export default 1');",
    ),
  ],
  [
    "notevil's Function of request text (the sandbox is escapable)",
    'code-injection:CWE-95',
    route(
      "const { Function: SafeFunction } = require('notevil');",
      "  const f = SafeFunction('x', req.body.formula);\n  res.json(f(2));",
    ),
    route(
      "const { Function: SafeFunction } = require('notevil');",
      "  const f = SafeFunction('x', 'return x * 2');\n  res.json(f(Number(req.body.x)));",
    ),
  ],
  [
    'vm2 classes taken from the module object (new vm2.VM({ sandbox }))',
    'code-injection:CWE-94',
    route(
      "const vm2 = require('vm2');",
      "  new vm2.VM({ sandbox: { order: req.body.order } }).run('order.total');",
    ),
    route(
      "const vm2 = require('vm2');",
      "  new vm2.VM({ sandbox: { rate: 0.2 } }).run('rate * 2');",
    ),
  ],
  [
    'chrome-remote-interface Runtime.compileScript of a caller value',
    'code-injection:CWE-94',
    "const CDP = require('chrome-remote-interface');\nasync function inject(source) {\n  const { Runtime } = await CDP();\n  await Runtime.compileScript({ expression: source, sourceURL: 'x.js', persistScript: true });\n}",
    "const CDP = require('chrome-remote-interface');\nasync function inject() {\n  const { Runtime } = await CDP();\n  await Runtime.compileScript({ expression: 'document.title', sourceURL: 'x.js', persistScript: true });\n}",
  ],
  [
    'funcster deepDeserialize of the body (functions are rebuilt from text)',
    'code-injection:CWE-502',
    route(
      "const funcster = require('funcster');",
      '  const job = funcster.deepDeserialize(req.body.job);',
    ),
    route(
      "const funcster = require('funcster');",
      '  const job = JSON.parse(JSON.stringify(req.body.job));',
    ),
  ],
  // ---- SSRF
  [
    'fetch of a Request built from the query',
    'ssrf:CWE-918',
    route('', '  await fetch(new Request(req.query.feed));'),
    route(
      '',
      "  await fetch(new Request('https://feeds.example.com/' + encodeURIComponent(req.query.feed)));",
    ),
  ],
  [
    'got.paginate of a URL from the body',
    'ssrf:CWE-918',
    route(
      "const got = require('got');",
      '  for await (const item of got.paginate(req.body.api)) res.write(String(item));',
    ),
    route(
      "const got = require('got');",
      "  for await (const item of got.paginate('https://api.example.com/items')) res.write(String(item));",
    ),
  ],
  [
    'needle.request(method, url)',
    'ssrf:CWE-918',
    route(
      "const needle = require('needle');",
      "  needle.request('get', req.query.src, {}, () => {});",
    ),
    route(
      "const needle = require('needle');",
      "  needle.request('get', 'https://cdn.example.com/' + encodeURIComponent(req.query.src), {}, () => {});",
    ),
  ],
  [
    'chrome-remote-interface Page.setDocumentContent of request HTML',
    'ssrf:CWE-918',
    route(
      "const CDP = require('chrome-remote-interface');",
      '  const { Page } = await CDP();\n  await Page.setDocumentContent({ frameId: req.body.frame, html: req.body.html });',
    ),
    route(
      "const CDP = require('chrome-remote-interface');",
      "  const { Page } = await CDP();\n  await Page.setDocumentContent({ frameId: 'main', html: '<p>ready</p>' });",
    ),
  ],
  [
    'net.connect to a host from the query',
    'ssrf:CWE-918',
    route("const net = require('node:net');", '  const s = net.connect(6379, req.query.host);'),
    route("const net = require('node:net');", "  const s = net.connect(6379, 'cache.internal');"),
  ],
  [
    'tls.connect({ host }) from the body',
    'ssrf:CWE-918',
    route("const tls = require('tls');", '  tls.connect({ host: req.body.server, port: 443 });'),
    route("const tls = require('tls');", "  tls.connect({ host: 'mail.example.com', port: 443 });"),
  ],
  [
    'a ws WebSocket client opened to a request URL',
    'ssrf:CWE-918',
    route("const WebSocket = require('ws');", '  const ws = new WebSocket(req.query.upstream);'),
    route(
      "const WebSocket = require('ws');",
      "  const ws = new WebSocket('wss://stream.example.com/feed');",
    ),
  ],
  // ---- sources
  [
    "Next.js getServerSideProps' context.query",
    'ssrf:CWE-918',
    'export async function getServerSideProps(context) {\n  const r = await fetch(context.query.preview);\n  return { props: { html: await r.text() } };\n}',
    "export async function getServerSideProps(context) {\n  const r = await fetch('https://cms.example.com/pages/' + encodeURIComponent(context.query.slug));\n  return { props: { html: await r.text() } };\n}",
    'pages/preview.js',
  ],
  [
    'JSZip entry paths written to disk (zip-slip)',
    'path-traversal:CWE-22',
    "const JSZip = require('jszip');\nconst fs = require('fs');\nasync function unpack(buf) {\n  const zip = await JSZip.loadAsync(buf);\n  zip.forEach(async (relativePath, entry) => {\n    fs.writeFileSync('/srv/uploads/' + relativePath, await entry.async('nodebuffer'));\n  });\n}",
    "const JSZip = require('jszip');\nconst fs = require('fs');\nconst path = require('path');\nasync function unpack(buf) {\n  const zip = await JSZip.loadAsync(buf);\n  zip.forEach(async (relativePath, entry) => {\n    fs.writeFileSync('/srv/uploads/' + path.basename(relativePath), await entry.async('nodebuffer'));\n  });\n}",
  ],
  [
    'socket.io events of a connected socket, whatever its name',
    'command-injection:CWE-78',
    "const { exec } = require('child_process');\nio.on('connection', (s) => {\n  s.on('ping', (host) => exec('ping -c 1 ' + host));\n});",
    "const { execFile } = require('child_process');\nio.on('connection', (s) => {\n  s.on('ping', (host) => execFile('ping', ['-c', '1', String(host)]));\n});",
  ],
  // ---- XSS
  [
    "a route handler's response parameter, whatever its name",
    'xss:CWE-79',
    "const router = require('express').Router();\nrouter.get('/hi', (rq, rs) => {\n  rs.status(200).send('<p>Hi ' + rq.query.name + '</p>');\n});",
    "const router = require('express').Router();\nrouter.get('/hi', (rq, rs) => {\n  rs.status(200).json({ greeting: 'Hi ' + rq.query.name });\n});",
  ],
  [
    "setAttribute('srcdoc') of the URL fragment",
    'xss:CWE-79',
    "const frame = document.createElement('iframe');\nframe.setAttribute('srcdoc', decodeURIComponent(location.hash.slice(1)));",
    "const frame = document.createElement('iframe');\nframe.setAttribute('srcdoc', '<p>loading</p>');",
  ],
  [
    "execCommand('insertHTML') of the fragment",
    'xss:CWE-79',
    "document.execCommand('insertHTML', false, decodeURIComponent(location.hash.slice(1)));",
    "document.execCommand('insertText', false, decodeURIComponent(location.hash.slice(1)));",
  ],
  [
    'jQuery $() of markup built with a caller value',
    'xss:CWE-79',
    "function addRow(label) {\n  $('<li class=\"row\">' + label + '</li>').appendTo('#list');\n}",
    "function addRow(label) {\n  $('<li class=\"row\"></li>').text(label).appendTo('#list');\n}",
  ],
  [
    'jQuery() of markup joined from an array',
    'xss:CWE-79',
    "function badge(title) {\n  return jQuery(['<span class=\"badge\">', title, '</span>'].join(''));\n}",
    'function badge(title) {\n  return jQuery(\'<span class="badge"></span>\').text(title);\n}',
  ],
  [
    'React class component state into dangerouslySetInnerHTML',
    'xss:CWE-79',
    'export class Note extends React.Component {\n  render() {\n    return <div dangerouslySetInnerHTML={{ __html: this.state.body }} />;\n  }\n}',
    'export class Note extends React.Component {\n  render() {\n    return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(this.state.body) }} />;\n  }\n}',
    'note.jsx',
  ],
  [
    'JSX href from props with no scheme in front (low)',
    'xss:CWE-79',
    'export function Profile(props) {\n  return <a href={props.homepage}>site</a>;\n}',
    'export function Profile(props) {\n  return <a href={`/users/${props.id}`}>site</a>;\n}',
    'profile.jsx',
  ],
  [
    'Angular bypassSecurityTrustHtml of a component field (bound to the view)',
    'xss:CWE-79',
    "import { DomSanitizer } from '@angular/platform-browser';\nexport class Preview {\n  draft = '';\n  constructor(private sanitizer: DomSanitizer) {}\n  get html() { return this.sanitizer.bypassSecurityTrustHtml(this.draft); }\n}",
    "import { DomSanitizer, SecurityContext } from '@angular/platform-browser';\nexport class Preview {\n  draft = '';\n  constructor(private sanitizer: DomSanitizer) {}\n  get html() { return this.sanitizer.sanitize(SecurityContext.HTML, this.draft); }\n}",
    'preview.ts',
  ],
  [
    'React.createElement link with an href from props (low)',
    'xss:CWE-79',
    "export function Ext(props) {\n  return React.createElement('a', { href: props.target }, 'open');\n}",
    "export function Ext(props) {\n  return React.createElement('a', { href: 'https://docs.example.com/' + props.page }, 'open');\n}",
  ],
  [
    'Monaco markdown with supportHtml',
    'xss:CWE-79',
    'export function hover(doc) {\n  return { contents: [{ value: doc.comment, supportHtml: true }] };\n}',
    'export function hover(doc) {\n  return { contents: [{ value: doc.comment }] };\n}',
  ],
  [
    'Ember htmlSafe of a value',
    'xss:CWE-79',
    "import { htmlSafe } from '@ember/template';\nexport function bio(user) {\n  return htmlSafe(user.bio);\n}",
    "import { htmlSafe } from '@ember/template';\nexport function divider() {\n  return htmlSafe('<hr>');\n}",
  ],
  [
    'lit unsafeHTML of the query string',
    'xss:CWE-79',
    "import { html } from 'lit';\nimport { unsafeHTML } from 'lit/directives/unsafe-html.js';\nconst note = new URLSearchParams(location.search).get('note');\nexport const view = html`<p>${unsafeHTML(note)}</p>`;",
    "import { html } from 'lit';\nconst note = new URLSearchParams(location.search).get('note');\nexport const view = html`<p>${note}</p>`;",
  ],
  [
    'Hono raw() of a query value inside the escaping html`…` helper',
    'xss:CWE-79',
    "import { Hono } from 'hono';\nimport { html, raw } from 'hono/html';\nconst app = new Hono();\napp.get('/', (c) => c.html(html`<p>${raw(c.req.query('q'))}</p>`));",
    "import { Hono } from 'hono';\nimport { html } from 'hono/html';\nconst app = new Hono();\napp.get('/', (c) => c.html(html`<p>${c.req.query('q')}</p>`));",
  ],
  [
    'Mithril m.trust of the fragment',
    'xss:CWE-79',
    "import m from 'mithril';\nexport const View = { view: () => m('div', m.trust(location.hash.slice(1))) };",
    "import m from 'mithril';\nexport const View = { view: () => m('div', location.hash.slice(1)) };",
  ],
  [
    'a Vue template compiled from the query string',
    'xss:CWE-79',
    "import { createApp } from 'vue';\nconst layout = new URLSearchParams(location.search).get('layout');\ncreateApp({ template: layout }).mount('#app');",
    "import { createApp } from 'vue';\nconst layout = new URLSearchParams(location.search).get('layout');\ncreateApp({ template: '<p>{{ layout }}</p>', data: () => ({ layout }) }).mount('#app');",
  ],
  [
    'jQuery .appendTo() with a target from the fragment',
    'xss:CWE-79',
    "$('<span>new</span>').appendTo(decodeURIComponent(location.hash.slice(1)));",
    "$('<span>new</span>').appendTo('#' + CSS.escape(location.hash.slice(1)));",
  ],
  [
    'the top window sent to a URL from the query string',
    'open-redirect:CWE-601',
    "const next = new URLSearchParams(location.search).get('next');\ntop.location.href = next;",
    "const next = new URLSearchParams(location.search).get('next');\ntop.location.href = '/welcome';",
  ],
  [
    "location.href set from a function's parameter (low)",
    'open-redirect:CWE-601',
    'export function leave(target) {\n  window.location.href = target;\n}',
    "export function leave(id) {\n  window.location.href = '/items/' + encodeURIComponent(id);\n}",
  ],
];

describe('security gate: library sinks and sources of the recall audit', () => {
  it.each(cases)('%s', (_what, expected, unsafe, safe, file) => {
    expect(found(unsafe, file)).toContain(expected);
    const [rule] = expected.split(':');
    expect(found(safe, file).filter((f) => f.startsWith(`${rule}:`))).toEqual([]);
  });
});

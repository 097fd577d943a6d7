import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * Library API shapes added in the second recall/precision round of issue 11, each read from the
 * library's documented API: an unsafe form that must be reported with the rule, and a safe form
 * that must not be reported for that rule.
 */

const found = (code: string, file = 'app.js'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.line}`);

const route = (imports: string, body: string): string =>
  `${imports}\nconst express = require('express');\nconst app = express();\napp.post('/run', async (req, res) => {\n${body}\n});\n`;

/**
 * [what, expected rule:line, unsafe, safe, file]. A value set on the line just above its sink
 * starts the finding (ADR 0045).
 */
const cases: [string, string, string, string, string?][] = [
  [
    'util.promisify of a child_process member required in place',
    'command-injection:6',
    route(
      "const util = require('util');\nconst run = util.promisify(require('child_process').exec);",
      "  await run('ls ' + req.body.dir);",
    ),
    route(
      "const util = require('util');\nconst run = util.promisify(require('child_process').execFile);",
      "  await run('ls', [req.body.dir]);",
    ),
  ],
  [
    'a same-file helper returning { __html: parameter }, called with a prop (JSX)',
    'xss:5',
    'function createMarkup(h) {\n  return { __html: h };\n}\nexport function Post({ body }) {\n  return <div dangerouslySetInnerHTML={createMarkup(body)} />;\n}',
    'function createMarkup(h) {\n  return { __html: DOMPurify.sanitize(h) };\n}\nexport function Post({ body }) {\n  return <div dangerouslySetInnerHTML={createMarkup(body)} />;\n}',
    'post.jsx',
  ],
  [
    'a markup helper (arrow) in a createElement props object, called with request input',
    'xss:3',
    "const markup = (text) => ({ __html: text });\nexport function Page() {\n  return React.createElement('div', { dangerouslySetInnerHTML: markup(location.hash) });\n}",
    "const markup = (text) => ({ __html: text });\nexport function Page() {\n  return React.createElement('div', { dangerouslySetInnerHTML: markup('<b>hi</b>') });\n}",
  ],
  [
    'elements of an array of constants passed to an array callback are constants',
    'command-injection:5',
    route(
      "const { exec } = require('child_process');",
      '  req.body.hosts.forEach((h) => exec(`ping -c 1 ${h}`));',
    ),
    route(
      "const { exec } = require('child_process');\nconst HOSTS = ['a.example.com', 'b.example.com'];",
      '  HOSTS.forEach((h) => exec(`ping -c 1 ${h}`));',
    ),
  ],
  [
    'NestJS @Redirect() handler returning { url } in shorthand',
    'open-redirect:5',
    "@Controller('go')\nexport class GoController {\n  @Get()\n  @Redirect()\n  go(@Query('url') url: string) { return { url }; }\n}",
    "@Controller('go')\nexport class GoController {\n  @Get()\n  @Redirect()\n  go(@Query('url') url: string) { const safe = '/home'; return { url: safe }; }\n}",
    'go.controller.ts',
  ],
  [
    'a redirect to new URL(path, base) with a base from the query string',
    'open-redirect:3',
    "import { NextResponse } from 'next/server';\nexport function middleware(request) {\n  const base = request.nextUrl.searchParams.get('base');\n  return NextResponse.redirect(new URL('/login', base));\n}",
    "import { NextResponse } from 'next/server';\nexport function middleware(request) {\n  const from = request.nextUrl.searchParams.get('from');\n  return NextResponse.redirect(new URL(`/login?from=${from}`, request.url));\n}",
    'middleware.js',
  ],
  [
    "Mongoose's Query.$where(js) with a string built from input",
    'nosql-injection:5',
    route('', "  res.json(await User.find().$where('this.age > ' + req.query.age));"),
    route('', '  res.json(await User.find().where({ age: { $gt: Number(req.query.age) } }));'),
  ],
  [
    'axios request config with a baseURL from input',
    'ssrf:5',
    route(
      "const axios = require('axios');",
      "  const r = await axios.get('/status', { baseURL: req.body.server });\n  res.json(r.data);",
    ),
    route(
      "const axios = require('axios');",
      "  const r = await axios.get('/status', { baseURL: 'https://api.example.com', params: { s: req.body.server } });\n  res.json(r.data);",
    ),
  ],
  [
    'axios config object with a relative url and a baseURL from input',
    'ssrf:5',
    route(
      "const axios = require('axios');",
      "  const r = await axios({ url: '/status', baseURL: req.query.base });\n  res.json(r.data);",
    ),
    route(
      "const axios = require('axios');",
      "  const r = await axios({ url: '/status', baseURL: 'https://api.example.com' });\n  res.json(r.data);",
    ),
  ],
  [
    'pg-format with only %L / %I specifiers quotes its arguments',
    'sql-injection:5',
    route(
      "const format = require('pg-format');",
      "  await db.query(format('SELECT * FROM t WHERE n = %s', req.query.n));",
    ),
    route(
      "const format = require('pg-format');",
      "  await db.query(format('SELECT * FROM %I WHERE n = %L', 'items', req.query.n));",
    ),
  ],
  [
    'pg-format literal() quotes a literal',
    'sql-injection:5',
    route(
      "const format = require('pg-format');",
      "  await db.query('SELECT * FROM t WHERE n = ' + req.query.n);",
    ),
    route(
      "const format = require('pg-format');",
      "  await db.query('SELECT * FROM t WHERE n = ' + format.literal(req.query.n));",
    ),
  ],
  [
    'the length of a value of unknown origin is a number',
    'xss:1',
    "$('#count').html(location.hash.slice(1));",
    "function show(items) {\n  $('#count').html(items.length);\n}",
  ],
  [
    'a compiled vm.Script run in a context holding input',
    'code-injection:6',
    route(
      "const vm = require('vm');",
      "  const script = new vm.Script('render(name)');\n  res.send(script.runInNewContext({ render, name: req.body.name }));",
    ),
    route(
      "const vm = require('vm');",
      "  const script = new vm.Script('render(name)');\n  res.send(script.runInNewContext({ render, name: 'guest' }));",
    ),
  ],
  [
    'a vm.Script imported by name, run in a created context holding input',
    'code-injection:6',
    route(
      "const { Script, createContext } = require('vm');",
      "  const script = new Script('total(items)');\n  const sandbox = createContext({ total, items: req.body.items });\n  res.json(script.runInContext(sandbox));",
    ),
    route(
      "const { Script, createContext } = require('vm');",
      "  const script = new Script('total(items)');\n  const sandbox = createContext({ total, items: [] });\n  res.json(script.runInContext(sandbox));",
    ),
  ],
  [
    'an HTTP client config held in a variable: only its URL decides where the request goes',
    'ssrf:5',
    route(
      "const axios = require('axios');",
      "  const options = { method: 'POST', url: req.body.callback, data: { ok: true } };\n  await axios(options);",
    ),
    route(
      "const axios = require('axios');",
      "  const options = { method: 'POST', url: 'https://api.example.com/items', data: req.body };\n  await axios(options);",
    ),
  ],
  [
    'https.request options in a variable with a fixed host and input in a header',
    'ssrf:5',
    route(
      "const https = require('https');",
      "  const opts = { hostname: req.body.host, path: '/status' };\n  https.request(opts, (r) => r.pipe(res)).end();",
    ),
    route(
      "const https = require('https');",
      "  const opts = { hostname: 'api.example.com', path: '/status', headers: { 'X-User': req.body.user } };\n  https.request(opts, (r) => r.pipe(res)).end();",
    ),
  ],
  [
    'a config spread from input after a fixed url overrides it: the last target wins',
    'ssrf:5',
    route(
      "const axios = require('axios');",
      "  await axios.request({ url: 'https://api.example.com/x', ...req.body.options });",
    ),
    route(
      "const axios = require('axios');",
      "  await axios.request({ ...req.body.options, url: 'https://api.example.com/x' });",
    ),
  ],
  [
    'a config whose url is overwritten with input after it was declared',
    'ssrf:7',
    route(
      "const axios = require('axios');",
      "  const o = { url: 'https://api.example.com/x' };\n  o.url = req.query.u;\n  await axios(o);",
    ),
    route(
      "const axios = require('axios');",
      "  const o = { url: 'https://api.example.com/x' };\n  o.data = req.query.u;\n  await axios(o);",
    ),
  ],
  [
    'a constant member of an object literal that also holds input is a constant',
    'code-injection:5',
    route('', "  const job = { script: 'report()', owner: req.body.owner };\n  eval(job.owner);"),
    route('', "  const job = { script: 'report()', owner: req.body.owner };\n  eval(job.script);"),
  ],
  [
    'a property after a spread of input overrides it; a spread after the property does not',
    'code-injection:5',
    route('', "  const opts = { script: 'report()', ...req.body };\n  eval(opts.script);"),
    route('', "  const opts = { ...req.body, script: 'report()' };\n  eval(opts.script);"),
  ],
  [
    "a server request's value set on an object's data/href member is no DOM attribute",
    'xss:2',
    "const link = document.createElement('a');\nlink.href = new URLSearchParams(location.search).get('next');",
    route(
      '',
      "  const job = { kind: 'export' };\n  job.data = req.body;\n  job.href = req.query.callback;\n  await queue.add(job);",
    ),
  ],
  [
    "Express's res.type('json') shorthand makes a JSON response, not HTML",
    'xss:6',
    route('', "  res.type('html');\n  res.send('<p>' + req.query.q + '</p>');"),
    route('', "  res.type('json');\n  res.send('{\"q\":\"' + req.query.q + '\"}');"),
  ],
  [
    'AES-GCM decryption without authTagLength accepts truncated tags',
    'insecure-crypto:2',
    "const crypto = require('crypto');\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv);\nd.setAuthTag(tag);",
    "const crypto = require('crypto');\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });\nd.setAuthTag(tag);",
  ],
  [
    'crypto-js MD5 of a password',
    'insecure-crypto:2',
    "const CryptoJS = require('crypto-js');\nconst hashed = CryptoJS.MD5(password).toString();",
    "const CryptoJS = require('crypto-js');\nconst etag = CryptoJS.MD5(fileContents).toString();",
  ],
  [
    'crypto-js TripleDES cipher',
    'insecure-crypto:2',
    "import CryptoJS from 'crypto-js';\nconst sealed = CryptoJS.TripleDES.encrypt(message, key).toString();",
    "import CryptoJS from 'crypto-js';\nconst sealed = CryptoJS.AES.encrypt(message, key).toString();",
  ],
  [
    'crypto-js ECB mode option',
    'insecure-crypto:2',
    "import CryptoJS from 'crypto-js';\nconst sealed = CryptoJS.AES.encrypt(message, key, { mode: CryptoJS.mode.ECB });",
    "import CryptoJS from 'crypto-js';\nconst sealed = CryptoJS.AES.encrypt(message, key, { mode: CryptoJS.mode.CBC, iv });",
  ],
  [
    'markup with input written to a log is not rendered',
    'xss:5',
    route('', '  res.locals.note = `<b>${req.query.n}</b>`;'),
    route('', "  logger.info(`<b>${req.query.n}</b>`);\n  console.warn('<p>' + req.query.n);"),
  ],
  [
    "Hono's c.redirect() with a query value",
    'open-redirect:3',
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/go', (c) => c.redirect(c.req.query('to')));",
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/go', (c) => c.redirect('/home?from=' + encodeURIComponent(c.req.query('to'))));",
    'app.ts',
  ],
  [
    "SvelteKit's redirect(status, location) takes the URL second",
    'open-redirect:3',
    "import { redirect } from '@sveltejs/kit';\nexport function load({ url }) {\n  throw redirect(303, url.searchParams.get('next'));\n}",
    "import { redirect } from '@sveltejs/kit';\nexport function load({ url }) {\n  throw redirect(303, '/login?next=' + encodeURIComponent(url.searchParams.get('next')));\n}",
    'src/routes/login/+page.server.js',
  ],
  [
    'new URL(relative path, base): the base decides the host',
    'ssrf:5',
    route(
      '',
      "  const r = await fetch(new URL('/api/status', req.query.base));\n  res.send(await r.text());",
    ),
    route(
      '',
      "  const r = await fetch(new URL('/api/status/' + req.query.id, 'https://api.example.com'));\n  res.send(await r.text());",
    ),
  ],
  [
    "a credential field's own name written for display is a label, not a secret",
    'hardcoded-credentials:1',
    "const defaults = { user: 'admin', password: 'password' };",
    "const labels = { password: 'Password', apiKey: 'API Key', token: 'Token' };",
  ],
  [
    'a checkServerIdentity override that returns undefined accepts any certificate',
    'insecure-crypto:2',
    "const tls = require('tls');\ntls.connect({ host: 'db.internal', checkServerIdentity: function () { return undefined; } });",
    "const tls = require('tls');\ntls.connect({ host: 'db.internal', checkServerIdentity: (host, cert) => { if (!pinned(cert)) return new Error('pin'); return tls.checkServerIdentity(host, cert); } });",
  ],
  [
    "a literal key passed to crypto's createCipheriv",
    'hardcoded-credentials:2',
    "const crypto = require('crypto');\nconst c = crypto.createCipheriv('aes-256-gcm', 'ThisIsA32ByteLongSecretKeyValue!', iv);",
    "const crypto = require('crypto');\nconst c = crypto.createCipheriv('aes-256-gcm', Buffer.from(process.env.DATA_KEY, 'hex'), iv);",
  ],
  [
    'js-yaml load() with a schema that rebuilds functions (DEFAULT_FULL_SCHEMA, JS_SCHEMA)',
    'code-injection:5',
    route(
      "const yaml = require('js-yaml');",
      '  res.json(yaml.load(req.body.doc, { schema: yaml.DEFAULT_FULL_SCHEMA }));',
    ),
    route(
      "const yaml = require('js-yaml');",
      '  res.json(yaml.load(req.body.doc, { schema: yaml.CORE_SCHEMA }));',
    ),
  ],
];

describe('security gate: API shapes of the second issue-11 round', () => {
  it('an object literal member written after the declaration keeps the written value', () => {
    const written = route(
      '',
      "  const opts = { script: 'report()' };\n  opts.script = req.body.script;\n  eval(opts.script);",
    );
    const merged = route(
      '',
      "  const opts = { script: 'report()' };\n  Object.assign(opts, req.body);\n  eval(opts.script);",
    );
    expect(found(written)).toContain('code-injection:7');
    expect(found(merged)).toContain('code-injection:7');
  });

  it('an object literal member copied from a let keeps the value it had when stored', () => {
    const code = route(
      '',
      "  let script = req.body.script;\n  const job = { script, owner: req.body.owner };\n  script = 'report()';\n  eval(job.script);",
    );
    expect(found(code)).toContain('code-injection:8');
  });

  for (const [what, expected, unsafe, safe, file] of cases) {
    const rule = expected.split(':')[0] ?? '';
    it(`${what}: unsafe form reported`, () => {
      expect(found(unsafe, file)).toContain(expected);
    });
    it(`${what}: safe form not reported`, () => {
      expect(found(safe, file).filter((f) => f.startsWith(`${rule}:`))).toEqual([]);
    });
  }
});

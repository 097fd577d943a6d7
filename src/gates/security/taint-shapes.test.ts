import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

function rulesOf(code: string, file = 'app.js'): string[] {
  return analyzeSource(file, code).map((f) => `${f.rule}:${f.cwe}`);
}

const express = (body: string): string => `app.get('/x', (req, res) => {\n${body}\n});`;
const CP = "const { exec } = require('child_process');\n";
const FS = "const fs = require('fs');\nconst path = require('path');\n";

/** [what, rule:cwe, vulnerable snippet, safe look-alike, file name]. */
const cases: [string, string, string, string, string?][] = [
  [
    'Next.js API route `handler(req, res)` is an HTTP handler, not a Lambda',
    'path-traversal:CWE-22',
    `import fs from 'fs';\nexport default function handler(req, res) { res.send(fs.readFileSync('./files/' + req.query.name)); }`,
    `import fs from 'fs';\nexport default function handler(req, res) { res.send(fs.readFileSync('./files/' + path.basename(req.query.name))); }`,
  ],
  [
    'Lambda `handler(event, context)` still reads the event',
    'command-injection:CWE-78',
    `${CP}exports.handler = async (event, context) => { exec('convert ' + event.queryStringParameters.f); };`,
    `${CP}exports.handler = async (event, context) => { exec('convert ' + Number(event.queryStringParameters.f)); };`,
  ],
  [
    'taint follows this.<field>.<method>() into a class of the same file',
    'sql-injection:CWE-89',
    "class Repo { byName(n: string) { return this.db.query(`SELECT * FROM u WHERE n = '${n}'`); } }\nexport class C { constructor(private readonly repo: Repo) {}\n  get(@Query('n') n: string) { return this.repo.byName(n); } }",
    "class Repo { byName(n: number) { return this.db.query(`SELECT * FROM u WHERE n = ${n}`); } }\nexport class C { constructor(private readonly repo: Repo) {}\n  get(@Query('n') n: string) { return this.repo.byName(parseInt(n, 10)); } }",
    'c.ts',
  ],
  [
    'taint follows instance.method() of a class of the same file',
    'command-injection:CWE-78',
    `${CP}class Runner { go(a) { exec('ls ' + a); } }\nconst runner = new Runner();\n${express('runner.go(req.query.d);')}`,
    `${CP}class Runner { go(a) { exec('ls ' + a); } }\nconst runner = new Runner();\n${express("runner.go('/tmp');")}`,
  ],
  [
    'an options object without replacements/bind/values binds no parameters',
    'sql-injection:CWE-89',
    'export function find(name) { return sequelize.query("SELECT * FROM u WHERE n = \'" + name + "\'", { type: QueryTypes.SELECT }); }',
    "export function find(name, where) { return sequelize.query('SELECT * FROM u WHERE ' + where, { replacements: { name } }); }",
  ],
  [
    'a local sanitize* helper is judged by its body',
    'command-injection:CWE-78',
    `${CP}function sanitizeName(s) { return String(s).replace(/\\s+/g, '_'); }\n${express("exec('ffmpeg -i ' + sanitizeName(req.query.f));")}`,
    `${CP}function sanitizeName(s) { return String(s).replace(/[^a-z0-9._-]/gi, ''); }\n${express("exec('ffmpeg -i ' + sanitizeName(req.query.f));")}`,
  ],
  [
    'a local validate* helper that throws on bad input is a sanitizer',
    'sql-injection:CWE-89',
    `function validateId(id) { return id.trim(); }\n${express("db.query('SELECT * FROM t WHERE id = ' + validateId(req.params.id));")}`,
    `function validateId(id) { if (!/^\\d+$/.test(id)) throw new Error('bad'); return id; }\n${express("db.query('SELECT * FROM t WHERE id = ' + validateId(req.params.id));")}`,
  ],
  [
    'local HTML escapers with entity replaces sanitize',
    'xss:CWE-79',
    `function escapeHtml(s) { return String(s).replace(/&/g, '&amp;'); }\n${express("res.send('<p>' + escapeHtml(req.query.q) + '</p>');")}`,
    `function escapeHtml(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }\n${express("res.send('<p>' + escapeHtml(req.query.q) + '</p>');")}`,
  ],
  [
    'block-list predicates are not SSRF guards; allow-list predicates are',
    'ssrf:CWE-918',
    `function isBlocked(u) { return u.includes('localhost') || u.includes('internal'); }\n${express('if (isBlocked(req.query.u)) return res.end();\nfetch(req.query.u);')}`,
    `const ALLOWED = new Set(['a.com']);\nfunction isAllowed(u) { const host = new URL(u).hostname; return ALLOWED.has(host); }\n${express('if (!isAllowed(req.query.u)) return res.end();\nfetch(req.query.u);')}`,
  ],
  [
    'guards respect direction',
    'ssrf:CWE-918',
    `const ALLOWED = new Set(['a.com']);\n${express('const u = new URL(req.query.u);\nif (ALLOWED.has(u.hostname)) return res.end();\nfetch(u);')}`,
    `const ALLOWED = new Set(['a.com']);\n${express('const u = new URL(req.query.u);\nif (!ALLOWED.has(u.hostname)) return res.end();\nfetch(u);')}`,
  ],
  [
    'a format-only URL check (try { new URL() }) is not an SSRF guard',
    'ssrf:CWE-918',
    `function isValidUrl(u) { try { new URL(u); return true; } catch { return false; } }\n${express('if (!isValidUrl(req.query.u)) return res.end();\nfetch(req.query.u);')}`,
    express(
      "if (!req.query.u.startsWith('https://api.example.com/')) return res.end();\nfetch(req.query.u);",
    ),
  ],
  [
    "scheme-only regexes don't guard SSRF; fixed-host regexes do",
    'ssrf:CWE-918',
    express('if (!/^https?:\\/\\//.test(req.query.u)) return res.end();\nfetch(req.query.u);'),
    express(
      'if (!/^https:\\/\\/api\\.example\\.com\\//.test(req.query.u)) return res.end();\nfetch(req.query.u);',
    ),
  ],
  [
    "startsWith('/') alone is not a redirect guard; with '//' rejected it is",
    'open-redirect:CWE-601',
    `function isLocal(t) { return t.startsWith('/'); }\n${express("const t = String(req.query.to);\nres.redirect(isLocal(t) ? t : '/');")}`,
    `function isLocal(t) { return t.startsWith('/') && !t.startsWith('//') && !t.startsWith('/\\\\'); }\n${express("const t = String(req.query.to);\nres.redirect(isLocal(t) ? t : '/');")}`,
  ],
  [
    'a returned { statusCode: 302, headers: { Location } } is a redirect',
    'open-redirect:CWE-601',
    'exports.handler = async (event) => ({ statusCode: 302, headers: { Location: event.queryStringParameters.next } });',
    "exports.handler = async (event) => ({ statusCode: 302, headers: { Location: '/login?next=' + encodeURIComponent(event.path) } });",
  ],
  [
    'res.writeHead(302, { Location }) is a redirect',
    'open-redirect:CWE-601',
    "http.createServer((req, res) => { const u = new URL(req.url, 'http://x');\nres.writeHead(302, { Location: u.searchParams.get('next') }); res.end(); });",
    "http.createServer((req, res) => { res.writeHead(302, { Location: '/home' }); res.end(); });",
  ],
  [
    'a variable holding the http/https module is an HTTP client',
    'ssrf:CWE-918',
    `import http from 'node:http';\nimport https from 'node:https';\n${express("const client = req.query.u.startsWith('https:') ? https : http;\nclient.get(req.query.u);")}`,
    `import http from 'node:http';\nimport https from 'node:https';\n${express("const client = req.query.u.startsWith('https:') ? https : http;\nclient.get('https://api.example.com/x');")}`,
  ],
  [
    'axios.create() instances are HTTP clients',
    'ssrf:CWE-918',
    `import axios from 'axios';\nconst api = axios.create({ timeout: 1000 });\n${express('api.get(req.query.url);')}`,
    `import axios from 'axios';\nconst api = axios.create({ baseURL: process.env.API });\n${express('api.get(`/v1/items/${encodeURIComponent(req.query.id)}`);')}`,
  ],
  [
    'headless-browser page.goto() is an SSRF sink',
    'ssrf:CWE-918',
    express('const page = await browser.newPage();\npage.goto(req.query.url);'),
    express(
      "const page = await browser.newPage();\npage.goto('https://example.com/p/' + encodeURIComponent(req.query.id));",
    ),
  ],
  [
    "Koa ctx.body with ctx.type = 'html' or a local HTML builder is XSS",
    'xss:CWE-79',
    "function page(n) { return '<p>' + n + '</p>'; }\nrouter.get('/x', async (ctx) => { ctx.type = 'html'; ctx.body = page(ctx.query.n); });",
    "function page(n) { return { name: n }; }\nrouter.get('/x', async (ctx) => { ctx.body = page(ctx.query.n); });",
  ],
  [
    'useMemo carries what its callback returns',
    'xss:CWE-79',
    "export function C() { const q = useMemo(() => new URLSearchParams(location.search).get('q'), []);\nreturn <div dangerouslySetInnerHTML={{ __html: q }} />; }",
    "import DOMPurify from 'dompurify';\nexport function C({ body }) { const clean = useMemo(() => DOMPurify.sanitize(body), [body]);\nreturn <div dangerouslySetInnerHTML={{ __html: clean }} />; }",
    'c.tsx',
  ],
  [
    'NoSQL .update() needs a collection/model receiver, never a hash/HMAC',
    'nosql-injection:CWE-943',
    express("db.collection('users').update({ name: req.body.name }, { $set: { a: 1 } });"),
    `const crypto = require('crypto');\n${express("const h = crypto.createHmac('sha256', key);\nh.update(req.body);\nh.digest('hex');")}`,
  ],
  [
    "NoSQL .exists() on a model, never on Node's fs (a plural-looking module name)",
    'nosql-injection:CWE-943',
    express('User.exists({ email: req.query.email }).then((found) => res.json(found));'),
    `${FS}${express('fs.exists(req.query.file, (ok) => res.json(ok));')}`,
  ],
  [
    "lodash _.get() of a request path reads that member: 'query.x' is input, 'route.path' is not",
    'xss:CWE-79',
    `const _ = require('lodash');\n${express("res.send('<p>' + _.get(req, 'query.name') + '</p>');")}`,
    `const _ = require('lodash');\n${express("res.send('<p>' + _.get(req, 'route.path') + '</p>');")}`,
  ],
  [
    "a tRPC procedure's input is the client's, its context is not",
    'ssrf:CWE-918',
    "import { publicProcedure } from './trpc';\nexport const get = publicProcedure.input(z.string().url()).query(({ input }) => fetch(input));",
    "import { publicProcedure } from './trpc';\nexport const get = publicProcedure.query(({ ctx }) => fetch(ctx.upstream));",
    'router.ts',
  ],
  [
    'Express sends a Buffer of input as octet-stream, unless the type is set to HTML',
    'xss:CWE-79',
    express("res.type('html').send(Buffer.from(req.body.page, 'base64'));"),
    express("res.send(Buffer.from(req.body.page, 'base64'));"),
  ],
  [
    'Next.js middleware rewriting to a URL from the query proxies it; a path of its own URL does not',
    'ssrf:CWE-918',
    "import { NextResponse } from 'next/server';\nexport function middleware(req) {\n  return NextResponse.rewrite(new URL(req.nextUrl.searchParams.get('to'), req.url));\n}",
    "import { NextResponse } from 'next/server';\nexport function middleware(req) {\n  return NextResponse.rewrite(new URL('/dashboard' + req.nextUrl.search, req.url));\n}",
    'middleware.ts',
  ],
  [
    'archive entry names are tainted (zip-slip)',
    'path-traversal:CWE-22',
    `${FS}const AdmZip = require('adm-zip');\nfor (const e of new AdmZip(buf).getEntries()) fs.writeFileSync(path.join('/out', e.entryName), e.getData());`,
    `${FS}const AdmZip = require('adm-zip');\nfor (const e of new AdmZip(buf).getEntries()) fs.writeFileSync(path.join('/out', path.basename(e.entryName)), e.getData());`,
  ],
  [
    'yauzl/unzipper entry paths are tainted; a resolve + relative check guards them',
    'path-traversal:CWE-22',
    `${FS}const unzipper = require('unzipper');\nexport async function x(d) { for (const entry of d.files) fs.createWriteStream(path.join('/out', entry.path)); }`,
    `${FS}const unzipper = require('unzipper');\nexport async function x(d) { for (const entry of d.files) { const out = path.resolve('/out', entry.path);\nconst rel = path.relative('/out', out);\nif (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('x');\nfs.createWriteStream(out); } }`,
  ],
  [
    'file contents from a constant path are not attacker input',
    'code-injection:CWE-95',
    `${FS}const vm = require('vm');\n${express("vm.runInNewContext(fs.readFileSync(path.join('/uploads', req.query.f), 'utf8'));")}`,
    `${FS}const vm = require('vm');\nvm.runInNewContext(fs.readFileSync(path.join(__dirname, 'boot.js'), 'utf8'), {});`,
  ],
  [
    'execa with { shell: true } runs a shell',
    'command-injection:CWE-78',
    `import { execa } from 'execa';\n${express("execa('ls ' + req.query.d, { shell: true });")}`,
    `import { execa } from 'execa';\n${express("execa('ls', [req.query.d]);")}`,
  ],
  [
    'jwt.decode() of a request token without verify',
    'insecure-crypto:CWE-347',
    "const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) { req.user = jwt.decode(req.headers.authorization.slice(7)); next(); }",
    "const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) { const { header } = jwt.decode(req.headers.authorization.slice(7), { complete: true });\nreq.user = jwt.verify(req.headers.authorization.slice(7), keys[header.kid]); next(); }",
  ],
  [
    'hapi h.response() with HTML',
    'xss:CWE-79',
    "server.route({ path: '/x', handler: (request, h) => h.response('<p>' + request.query.q + '</p>') });",
    "server.route({ path: '/x', handler: (request, h) => h.response({ q: request.query.q }) });",
  ],
  [
    'a configured base URL fixes the host; a bare input URL does not',
    'ssrf:CWE-918',
    express('fetch(`${req.query.base}/users/${req.params.id}`);'),
    express('fetch(`${config.apiBase}/users/${req.params.id}`);'),
  ],
];

describe('security rules: real-world shapes', () => {
  it.each(cases)('%s', (_what, expected, vuln, safe, file = 'app.js') => {
    expect(rulesOf(vuln, file)).toContain(expected);
    expect(rulesOf(safe, file)).not.toContain(expected);
  });
});

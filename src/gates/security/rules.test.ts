import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

function rulesOf(code: string, file = 'app.js'): string[] {
  return analyzeSource(file, code).map((f) => `${f.rule}:${f.cwe}`);
}

const express = (body: string): string => `app.get('/x', (req, res) => {\n${body}\n});`;

/** [rule:cwe, vulnerable snippet, safe look-alike] per rule family. */
const cases: [string, string, string][] = [
  [
    'code-injection:CWE-95',
    express('eval(req.query.code);'),
    express('JSON.parse(req.query.code);'),
  ],
  [
    'code-injection:CWE-94',
    express("require('./plugins/' + req.params.name);"),
    "require('./plugins/' + 'a');",
  ],
  [
    'command-injection:CWE-78',
    `const { exec } = require('child_process');\n${express("exec('ping ' + req.query.host);")}`,
    `const { execFile } = require('child_process');\n${express("execFile('ping', ['-c', '1', req.query.host]);")}`,
  ],
  [
    'command-injection:CWE-78',
    `import { spawn } from 'child_process';\n${express("spawn('tar', ['czf', req.body.dir], { shell: true });")}`,
    `import { spawn } from 'child_process';\n${express("spawn('tar', ['czf', req.body.dir]);")}`,
  ],
  [
    'sql-injection:CWE-89',
    express('db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);'),
    express("db.query('SELECT * FROM users WHERE id = $1', [req.params.id]);"),
  ],
  [
    'sql-injection:CWE-89',
    express("knex.raw('select * from t where a = ' + req.query.a);"),
    express('sql`SELECT * FROM t WHERE a = ${req.query.a}`;'),
  ],
  [
    'nosql-injection:CWE-943',
    express('User.findOne({ user: req.body.user, pass: req.body.pass });'),
    express('User.findOne({ user: String(req.body.user) });'),
  ],
  [
    'path-traversal:CWE-22',
    `const fs = require('fs');\n${express("fs.readFileSync('/data/' + req.query.f);")}`,
    `const fs = require('fs');\nconst path = require('path');\n${express("fs.readFileSync('/data/' + path.basename(req.query.f));")}`,
  ],
  [
    'path-traversal:CWE-22',
    `import fs from 'fs';\nimport path from 'path';\n${express("const p = path.resolve('/srv', req.query.f);\nfs.readFileSync(p);")}`,
    `import fs from 'fs';\nimport path from 'path';\n${express("const p = path.resolve('/srv', req.query.f);\nif (!p.startsWith('/srv/')) return res.end();\nfs.readFileSync(p);")}`,
  ],
  [
    'xss:CWE-79',
    'el.innerHTML = location.hash.slice(1);',
    'el.textContent = location.hash.slice(1);',
  ],
  [
    'xss:CWE-79',
    express('res.send(`<p>${req.query.q}</p>`);'),
    express('res.send(`<p>${escapeHtml(req.query.q)}</p>`);'),
  ],
  [
    'ssrf:CWE-918',
    express('fetch(req.query.url);'),
    express(
      'const u = new URL(req.query.url);\nif (!ALLOWED.has(u.hostname)) return res.end();\nfetch(u);',
    ),
  ],
  [
    'ssrf:CWE-918',
    express('axios.get(req.body.link);'),
    express('axios.get(`https://api.x.com/u/${req.body.id}`);'),
  ],
  [
    'open-redirect:CWE-601',
    express('res.redirect(req.query.next);'),
    express('res.redirect(`/u/${req.query.id}`);'),
  ],
  [
    'regex-injection:CWE-1333',
    express('new RegExp(req.query.q);'),
    express('new RegExp(escapeRegExp(req.query.q));'),
  ],
  [
    'prototype-pollution:CWE-1321',
    express('cfg[req.body.a][req.body.b] = req.body.c;'),
    express('const m = new Map();\nm.set(req.body.a, req.body.c);'),
  ],
  [
    'prototype-pollution:CWE-1321',
    'function merge(t, s) { for (const k in s) { if (typeof s[k] === "object") merge(t[k], s[k]); else t[k] = s[k]; } }',
    'function merge(t, s) { for (const k in s) { if (k === "__proto__") continue; if (typeof s[k] === "object") merge(t[k], s[k]); else t[k] = s[k]; } }',
  ],
  [
    'insecure-crypto:CWE-916',
    "const h = crypto.createHash('md5').update(password).digest('hex');",
    "const etag = crypto.createHash('md5').update(body).digest('hex');",
  ],
  [
    'insecure-crypto:CWE-327',
    "crypto.createCipheriv('aes-128-ecb', key, null);",
    "crypto.createCipheriv('aes-256-gcm', key, iv);",
  ],
  [
    'insecure-crypto:CWE-338',
    'const resetToken = Math.random().toString(36);',
    'const left = Math.random() * 100;',
  ],
  [
    'insecure-crypto:CWE-295',
    'new https.Agent({ rejectUnauthorized: false });',
    'new https.Agent({ rejectUnauthorized: true });',
  ],
  [
    'hardcoded-credentials:CWE-798',
    "const dbPassword = 'Xk29!vQz';",
    'const dbPassword = process.env.DB_PASSWORD;',
  ],
  [
    'hardcoded-credentials:CWE-798',
    "jwt.sign(payload, 'my-secret-key');",
    'jwt.sign(payload, config.secret);',
  ],
];

describe('security rules', () => {
  it.each(cases)(
    '%s: flags the vulnerable snippet and not its safe look-alike',
    (expected, vuln, safe) => {
      expect(rulesOf(vuln)).toContain(expected);
      expect(rulesOf(safe)).not.toContain(expected);
    },
  );

  it('tracks taint through local helper functions', () => {
    const code = `const cp = require('child_process');
function run(cmd) { return cp.execSync(cmd); }
${express("run('ls ' + req.query.dir);")}`;
    expect(rulesOf(code)).toContain('command-injection:CWE-78');
    expect(
      rulesOf(
        `const cp = require('child_process');\nfunction run(cmd) { return cp.execSync(cmd); }\nrun('ls');`,
      ),
    ).toEqual([]);
  });

  it('treats constants and constant-folded concatenation as untainted', () => {
    expect(rulesOf("const C = 'ls ' + '-la';\nexecSync(C);\neval('1 + ' + '2');")).toEqual([]);
  });

  it("reports a caller's value used as is at low severity, joined into a path at medium", () => {
    const [f] = analyzeSource('a.js', 'export function run(code) { return eval(code); }');
    expect(f?.severity).toBe('low');
    const [g] = analyzeSource('a.js', 'export function read(p) { return fs.readFileSync(p); }');
    expect(g?.severity).toBe('low'); // a library's load(file): the caller decides
    const [h] = analyzeSource('a.js', 'export function load(n) { return require(n); }');
    expect(h?.severity).toBe('low');
    const joined = 'export function read(name) { return fs.readFileSync(path.join(ROOT, name)); }';
    expect(analyzeSource('a.js', joined)[0]?.severity).toBe('medium'); // leaves ROOT with ../
    expect(rulesOf('export function read() { return fs.readFileSync(CONFIG_PATH); }')).toEqual([]);
  });

  it('understands TSX, Koa ctx and NestJS decorators', () => {
    expect(
      rulesOf(
        'export const C = (p) => <div dangerouslySetInnerHTML={{ __html: p.html }} />;',
        'c.tsx',
      ),
    ).toContain('xss:CWE-79');
    expect(
      rulesOf("router.get('/', async (ctx) => { ctx.body = `<p>${ctx.query.q}</p>`; });"),
    ).toContain('xss:CWE-79');
    const nest =
      "import { exec } from 'child_process';\nclass C { ping(@Query('h') h: string) { exec('ping ' + h); } }";
    expect(rulesOf(nest, 'c.ts')).toContain('command-injection:CWE-78');
  });
});

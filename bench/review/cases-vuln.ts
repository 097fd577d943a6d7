/**
 * Vulnerability-introducing commits, written for this benchmark in the shape of real
 * advisories: each is a fix commit reversed (head = the vulnerable version). `/*VULN*\/`
 * marks the vulnerable line(s) of head; the runner strips it. Code written from the
 * advisories' descriptions, not copied from the projects.
 */
import type { ReviewCase } from './case.js';

export const vulnCases: ReviewCase[] = [
  {
    name: 'static-server-traversal',
    advisory: 'CVE-2014-6394 (send: directory traversal, the root check removed)',
    file: 'lib/serve.js',
    base: `import { readFile } from 'node:fs';
import { join, normalize, sep } from 'node:path';

export function serve(root) {
  return (req, res) => {
    const path = normalize(join(root, decodeURIComponent(req.path)));
    if (!path.startsWith(root + sep)) {
      res.statusCode = 403;
      return res.end('Forbidden');
    }
    readFile(path, (err, data) => {
      if (err) return res.status(404).end();
      res.end(data);
    });
  };
}
`,
    head: `import { readFile } from 'node:fs';
import { join, normalize } from 'node:path';

export function serve(root) {
  return (req, res) => {
    const path = normalize(join(root, decodeURIComponent(req.path)));
    readFile(path, (err, data) => { /*VULN*/
      if (err) return res.status(404).end();
      res.end(data);
    });
  };
}
`,
  },
  {
    name: 'deep-merge-proto',
    advisory: 'CVE-2018-16487 (lodash merge: prototype pollution, the __proto__ guard removed)',
    file: 'src/merge.js',
    base: `export function merge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = source[key];
    if (value && typeof value === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      merge(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
`,
    head: `export function merge(target, source) {
  for (const key in source) {
    const value = source[key];
    if (value && typeof value === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {}; /*VULN*/
      merge(target[key], value);
    } else {
      target[key] = value; /*VULN*/
    }
  }
  return target;
}
`,
  },
  {
    name: 'git-wrapper-shell',
    advisory: 'CVE-2022-25912 shape (simple-git: arguments reach a shell)',
    file: 'src/git.js',
    base: `import { execFile } from 'node:child_process';

export function clone(req, res) {
  const url = String(req.body.url);
  if (url.startsWith('-')) return res.status(400).end();
  execFile('git', ['clone', '--', url, '/tmp/repo'], (err) => res.json({ ok: !err }));
}
`,
    head: `import { exec } from 'node:child_process';

export function clone(req, res) {
  const url = String(req.body.url);
  exec('git clone ' + url + ' /tmp/repo', (err) => res.json({ ok: !err })); /*VULN*/
}
`,
  },
  {
    name: 'jwt-algorithms-dropped',
    advisory: 'CVE-2015-9235 (jsonwebtoken: algorithm not pinned, none/HS confusion)',
    file: 'src/auth.js',
    base: `import jwt from 'jsonwebtoken';

export function verify(token, publicKey) {
  return jwt.verify(token, publicKey, { algorithms: ['RS256'] });
}
`,
    head: `import jwt from 'jsonwebtoken';

export function verify(token, publicKey) {
  return jwt.verify(token, publicKey); /*VULN*/
}
`,
  },
  {
    name: 'tls-verification-off',
    advisory: 'CWE-295 shape (an HTTP client turning certificate checks off)',
    file: 'src/client.js',
    base: `import https from 'node:https';

export function get(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => resolve(res.statusCode)).on('error', reject);
  });
}
`,
    head: `import https from 'node:https';

export function get(url) {
  const agent = new https.Agent({ rejectUnauthorized: false }); /*VULN*/
  return new Promise((resolve, reject) => {
    https.get(url, { agent }, (res) => resolve(res.statusCode)).on('error', reject);
  });
}
`,
  },
  {
    name: 'reflected-xss-escape-removed',
    advisory: 'CWE-79 shape (an error page echoing the query without escaping)',
    file: 'src/search.js',
    base: `import escapeHtml from 'escape-html';

export function search(req, res) {
  const q = req.query.q;
  res.send('<h1>Results for ' + escapeHtml(q) + '</h1>');
}
`,
    head: `export function search(req, res) {
  const q = req.query.q;
  res.send('<h1>Results for ' + q + '</h1>'); /*VULN*/
}
`,
  },
  {
    name: 'open-redirect-check-removed',
    advisory: 'CVE-2017-16224 shape (st: open redirect, the relative-path check removed)',
    file: 'src/login.js',
    base: `export function afterLogin(req, res) {
  const next = String(req.query.next || '/');
  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/');
  res.redirect(next);
}
`,
    head: `export function afterLogin(req, res) {
  const next = String(req.query.next || '/');
  res.redirect(next); /*VULN*/
}
`,
  },
  {
    name: 'ssrf-allowlist-removed',
    advisory: 'CWE-918 shape (an image proxy fetching any URL)',
    file: 'src/proxy.js',
    base: `const allowed = new Set(['images.example.com']);

export async function proxy(req, res) {
  const target = new URL(String(req.query.url));
  if (!allowed.has(target.hostname)) return res.status(400).end();
  const upstream = await fetch(target);
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
`,
    head: `export async function proxy(req, res) {
  const upstream = await fetch(String(req.query.url)); /*VULN*/
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
`,
  },
  {
    name: 'sql-concatenation',
    advisory: 'CWE-89 shape (a query builder raw() fed by a string concatenation)',
    file: 'src/users.js',
    base: `export async function findUser(db, req, res) {
  const rows = await db.query('SELECT * FROM users WHERE name = $1', [req.query.name]);
  res.json(rows);
}
`,
    head: `export async function findUser(db, req, res) {
  const rows = await db.query("SELECT * FROM users WHERE name = '" + req.query.name + "'"); /*VULN*/
  res.json(rows);
}
`,
  },
  {
    name: 'password-hash-md5',
    advisory: 'CWE-327/916 shape (a password hash weakened to MD5)',
    file: 'src/passwords.js',
    base: `import { scryptSync, randomBytes } from 'node:crypto';

export function hashPassword(password) {
  const salt = randomBytes(16);
  return salt.toString('hex') + ':' + scryptSync(password, salt, 64).toString('hex');
}
`,
    head: `import { createHash } from 'node:crypto';

export function hashPassword(password) {
  return createHash('md5').update(password).digest('hex'); /*VULN*/
}
`,
  },
  {
    name: 'reset-token-math-random',
    advisory: 'CWE-338 shape (a reset token from Math.random)',
    file: 'src/tokens.js',
    base: `import { randomBytes } from 'node:crypto';

export function resetToken() {
  return randomBytes(32).toString('hex');
}
`,
    head: `export function resetToken() {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); /*VULN*/
}
`,
  },
  {
    name: 'template-eval',
    advisory: 'CVE-2021-23369 shape (a template compiled with new Function from request data)',
    file: 'src/render.js',
    base: `export function render(req, res) {
  const name = String(req.query.name);
  res.send(\`Hello \${name.replace(/[<>&"']/g, '')}\`);
}
`,
    head: `export function render(req, res) {
  const fn = new Function('name', 'return \`Hello ' + req.query.template + '\`'); /*VULN*/
  res.send(fn(req.query.name));
}
`,
  },
  {
    name: 'nosql-cast-removed',
    advisory: 'CWE-943 shape (a login query taking an object from the body)',
    file: 'src/login-db.js',
    base: `export async function login(users, req, res) {
  const user = await users.findOne({ name: String(req.body.name), pass: String(req.body.pass) });
  res.json({ ok: Boolean(user) });
}
`,
    head: `export async function login(users, req, res) {
  const user = await users.findOne({ name: req.body.name, pass: req.body.pass }); /*VULN*/
  res.json({ ok: Boolean(user) });
}
`,
  },
  {
    name: 'zip-slip',
    advisory: 'CVE-2018-1002204 (adm-zip: entry names written outside the target)',
    file: 'src/unzip.js',
    base: `import { writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export function extract(entries, target) {
  for (const entry of entries) {
    const out = resolve(join(target, entry.name));
    if (!out.startsWith(resolve(target) + sep)) throw new Error('bad entry');
    writeFileSync(out, entry.data);
  }
}
`,
    head: `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function extract(entries, target) {
  for (const entry of entries) {
    writeFileSync(join(target, entry.name), entry.data); /*VULN*/
  }
}
`,
  },
  {
    name: 'hardcoded-api-key',
    advisory: 'CWE-798 shape (a live key committed in config)',
    file: 'src/config.js',
    base: `export const stripeKey = process.env.STRIPE_KEY;
`,
    head: `export const stripeKey = 'sk_live_51HqL2bKc9Tz0aXyQvR8mNpWsEdFgHjKlZxCvBnM1234'; /*VULN*/
`,
  },
  {
    name: 'catastrophic-regex',
    advisory: 'CVE-2017-16119 shape (fresh/ms: a regex made catastrophic on input)',
    file: 'src/parse.js',
    base: `export function isEmail(req, res) {
  const ok = /^[a-z0-9._-]+@[a-z0-9.-]+$/i.test(String(req.query.email));
  res.json({ ok });
}
`,
    head: `export function isEmail(req, res) {
  const ok = /^([a-z0-9]+\\.?)+@([a-z0-9-]+\\.)+[a-z]+$/i.test(String(req.query.email)); /*VULN*/
  res.json({ ok });
}
`,
  },
  {
    name: 'user-regex',
    advisory: 'CWE-1333 shape (a search building a RegExp from the query)',
    file: 'src/filter.js',
    base: `const escape = (s) => s.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');

export function filter(items, req, res) {
  const re = new RegExp(escape(String(req.query.q)), 'i');
  res.json(items.filter((i) => re.test(i.name)));
}
`,
    head: `export function filter(items, req, res) {
  const re = new RegExp(req.query.q, 'i'); /*VULN*/
  res.json(items.filter((i) => re.test(i.name)));
}
`,
  },
];

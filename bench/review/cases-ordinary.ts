/** Ordinary commits of the same kinds of projects: features, refactors, fixes with no vulnerability. */
import type { ReviewCase } from './case.js';

export const ordinaryCases: ReviewCase[] = [
  {
    name: 'add-option',
    file: 'src/format.js',
    base: `export function formatBytes(n) {
  if (n < 1024) return n + ' B';
  return (n / 1024).toFixed(1) + ' kB';
}
`,
    head: `export function formatBytes(n, { digits = 1 } = {}) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(digits) + ' kB';
  return (n / 1024 / 1024).toFixed(digits) + ' MB';
}
`,
  },
  {
    name: 'rename-and-extract',
    file: 'src/cart.js',
    base: `export function total(items) {
  let sum = 0;
  for (const item of items) sum += item.price * item.qty;
  return Math.round(sum * 100) / 100;
}
`,
    head: `const lineTotal = (item) => item.price * item.qty;

export function cartTotal(items) {
  const sum = items.reduce((acc, item) => acc + lineTotal(item), 0);
  return Math.round(sum * 100) / 100;
}
`,
  },
  {
    name: 'logging',
    file: 'src/server.js',
    base: `export function start(app, port) {
  return app.listen(port);
}
`,
    head: `export function start(app, port, log = console) {
  const server = app.listen(port);
  server.on('listening', () => log.info(\`listening on \${port}\`));
  server.on('error', (err) => log.error(err.message));
  return server;
}
`,
  },
  {
    name: 'validation-added',
    file: 'src/routes.js',
    base: `export function getUser(users, req, res) {
  res.json(users.get(req.params.id) ?? null);
}
`,
    head: `export function getUser(users, req, res) {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) return res.status(400).json({ error: 'id must be a positive integer' });
  const user = users.get(id);
  if (!user) return res.status(404).json({ error: 'not found' });
  res.json(user);
}
`,
  },
  {
    name: 'async-refactor',
    file: 'src/load.js',
    base: `import { readFile } from 'node:fs';

export function loadConfig(path, cb) {
  readFile(path, 'utf8', (err, text) => {
    if (err) return cb(err);
    cb(null, JSON.parse(text));
  });
}
`,
    head: `import { readFile } from 'node:fs/promises';

export async function loadConfig(path) {
  const text = await readFile(path, 'utf8');
  return JSON.parse(text);
}
`,
  },
  {
    name: 'bugfix-off-by-one',
    file: 'src/paginate.js',
    base: `export function page(items, n, size) {
  return items.slice(n * size, n * size + size + 1);
}
`,
    head: `export function page(items, n, size) {
  const start = Math.max(0, n) * size;
  return items.slice(start, start + size);
}
`,
  },
  {
    name: 'safe-exec-args',
    file: 'src/build.js',
    base: `import { execFile } from 'node:child_process';

export function build(cb) {
  execFile('npm', ['run', 'build'], cb);
}
`,
    head: `import { execFile } from 'node:child_process';

export function build(target, cb) {
  const script = target === 'prod' ? 'build:prod' : 'build';
  execFile('npm', ['run', script], { timeout: 120_000 }, cb);
}
`,
  },
  {
    name: 'parameterised-query-feature',
    file: 'src/orders.js',
    base: `export async function listOrders(db, userId) {
  return db.query('SELECT * FROM orders WHERE user_id = $1', [userId]);
}
`,
    head: `export async function listOrders(db, userId, { limit = 50, offset = 0 } = {}) {
  return db.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3', [
    userId,
    Math.min(limit, 200),
    offset,
  ]);
}
`,
  },
  {
    name: 'class-feature',
    file: 'src/cache.js',
    base: `export class Cache {
  constructor() {
    this.map = new Map();
  }
  get(key) {
    return this.map.get(key);
  }
  set(key, value) {
    this.map.set(key, value);
  }
}
`,
    head: `export class Cache {
  constructor(max = 100) {
    this.max = max;
    this.map = new Map();
  }
  get(key) {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value);
  }
}
`,
  },
  {
    name: 'typescript-types',
    file: 'src/point.ts',
    base: `export function distance(a, b) {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
`,
    head: `export interface Point {
  x: number;
  y: number;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
`,
  },
  {
    name: 'escape-output',
    file: 'src/greet.js',
    base: `export function greet(res, name) {
  res.type('text').send('Hello ' + name);
}
`,
    head: `export function greet(res, name, lang = 'en') {
  const greeting = lang === 'fr' ? 'Bonjour' : 'Hello';
  res.type('text').send(greeting + ' ' + name);
}
`,
  },
  {
    name: 'hash-for-etag',
    file: 'src/etag.js',
    base: `export function etag(body) {
  return String(body.length);
}
`,
    head: `import { createHash } from 'node:crypto';

export function etag(body) {
  return '"' + createHash('sha256').update(body).digest('base64url').slice(0, 27) + '"';
}
`,
  },
  {
    name: 'redirect-fixed-path',
    file: 'src/logout.js',
    base: `export function logout(req, res) {
  req.session = null;
  res.redirect('/');
}
`,
    head: `export function logout(req, res) {
  req.session = null;
  res.clearCookie('sid');
  res.redirect('/login?bye=1');
}
`,
  },
  {
    name: 'read-fixed-file',
    file: 'src/version.js',
    base: `export const version = '1.0.0';
`,
    head: `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
export const version = pkg.version;
`,
  },
  {
    name: 'retry-helper',
    file: 'src/retry.js',
    base: `export async function retry(fn) {
  return fn();
}
`,
    head: `export async function retry(fn, { attempts = 3, delayMs = 100 } = {}) {
  let last;
  for (let i = 0; i < attempts; i += 1) {
    try {
      return await fn();
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, delayMs * 2 ** i));
    }
  }
  throw last;
}
`,
  },
];

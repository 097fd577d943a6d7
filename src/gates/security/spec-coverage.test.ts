import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * The gate's spec (issue: sources × sinks × sanitizers), one realistic case per item: the unsafe
 * form must be reported with the rule and CWE, the safe form must not be reported for that rule.
 */

const found = (code: string, file = 'app.ts'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.cwe}`);

const express = (body: string): string =>
  `import express from 'express';\nconst app = express();\napp.post('/api/items', async (req, res) => {\n${body}\n});\n`;

/** [item, expected rule:cwe, unsafe, safe, file]. */
const cases: [string, string, string, string, string?][] = [
  // ---- sources
  [
    'Express cookies into SQL',
    'sql-injection:CWE-89',
    `import { Pool } from 'pg';\nconst pool = new Pool();\n${express('const r = await pool.query("SELECT * FROM sessions WHERE token = \'" + req.cookies.sid + "\'");\nres.json(r.rows);')}`,
    `import { Pool } from 'pg';\nconst pool = new Pool();\n${express("const r = await pool.query('SELECT * FROM sessions WHERE token = $1', [req.cookies.sid]);\nres.json(r.rows);")}`,
  ],
  [
    'Express header into an outbound request',
    'ssrf:CWE-918',
    `import axios from 'axios';\n${express("const hook = req.headers['x-callback'];\nawait axios.post(hook, { ok: true });\nres.end();")}`,
    `import axios from 'axios';\n${express("const hook = req.headers['x-callback'];\nawait axios.post('https://hooks.example.com/in', { hook });\nres.end();")}`,
  ],
  [
    'Koa request body into eval',
    'code-injection:CWE-95',
    "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  const { formula } = ctx.request.body;\n  ctx.body = eval(formula);\n});",
    "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  const { formula } = ctx.request.body;\n  ctx.body = Number(formula) * 2;\n});",
  ],
  [
    'Koa cookie into SQL',
    'sql-injection:CWE-89',
    "import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/me', async (ctx) => {\n  const id = ctx.cookies.get('uid');\n  ctx.body = await db.query(`SELECT * FROM users WHERE id = ${id}`);\n});",
    "import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/me', async (ctx) => {\n  const id = ctx.cookies.get('uid');\n  ctx.body = await db.query('SELECT * FROM users WHERE id = ?', [id]);\n});",
  ],
  [
    'Fastify route object handler params into exec',
    'command-injection:CWE-78',
    "import Fastify from 'fastify';\nimport { exec } from 'node:child_process';\nconst app = Fastify();\napp.route({ method: 'GET', url: '/ping/:host', handler: async (request, reply) => {\n  exec(`ping -c 1 ${request.params.host}`);\n} });",
    "import Fastify from 'fastify';\nimport { execFile } from 'node:child_process';\nconst app = Fastify();\napp.route({ method: 'GET', url: '/ping/:host', handler: async (request, reply) => {\n  execFile('ping', ['-c', '1', request.params.host]);\n} });",
  ],
  [
    'Fastify plugin route (fastify.get in a plugin)',
    'path-traversal:CWE-22',
    "import fs from 'node:fs/promises';\nexport default async function routes(fastify) {\n  fastify.get('/files/:name', async function (request, reply) {\n    return fs.readFile('/var/data/' + request.params.name, 'utf8');\n  });\n}",
    "import fs from 'node:fs/promises';\nimport path from 'node:path';\nexport default async function routes(fastify) {\n  fastify.get('/files/:name', async function (request, reply) {\n    return fs.readFile('/var/data/' + path.basename(request.params.name), 'utf8');\n  });\n}",
  ],
  [
    'Hono path param into c.html() (the html tag escapes)',
    'xss:CWE-79',
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/hello/:name', (c) => {\n  const name = c.req.param('name');\n  return c.html(`<h1>Hello ${name}</h1>`);\n});",
    "import { Hono } from 'hono';\nimport { html } from 'hono/html';\nconst app = new Hono();\napp.get('/hello/:name', (c) => {\n  const name = c.req.param('name');\n  return c.html(html`<h1>Hello ${name}</h1>`);\n});",
  ],
  [
    'Hono JSON body into exec',
    'command-injection:CWE-78',
    "import { Hono } from 'hono';\nimport { execSync } from 'node:child_process';\nconst app = new Hono();\napp.post('/build', async (c) => {\n  const body = await c.req.json();\n  execSync('make ' + body.target);\n  return c.text('ok');\n});",
    "import { Hono } from 'hono';\nimport { execFileSync } from 'node:child_process';\nconst app = new Hono();\napp.post('/build', async (c) => {\n  const body = await c.req.json();\n  execFileSync('make', [body.target]);\n  return c.text('ok');\n});",
  ],
  [
    'Next.js app router: searchParams of request.url',
    'ssrf:CWE-918',
    "export async function GET(request: Request) {\n  const { searchParams } = new URL(request.url);\n  const target = searchParams.get('url');\n  const upstream = await fetch(target);\n  return new Response(upstream.body);\n}",
    "export async function GET(request: Request) {\n  const { searchParams } = new URL(request.url);\n  const id = searchParams.get('id');\n  const upstream = await fetch('https://api.example.com/items/' + encodeURIComponent(id));\n  return new Response(upstream.body);\n}",
    'app/api/proxy/route.ts',
  ],
  [
    'Next.js app router: nextUrl.searchParams',
    'sql-injection:CWE-89',
    "import { NextRequest, NextResponse } from 'next/server';\nexport async function GET(req: NextRequest) {\n  const q = req.nextUrl.searchParams.get('q');\n  const rows = await sql.query(`SELECT * FROM posts WHERE title LIKE '%${q}%'`);\n  return NextResponse.json(rows);\n}",
    "import { NextRequest, NextResponse } from 'next/server';\nexport async function GET(req: NextRequest) {\n  const q = req.nextUrl.searchParams.get('q');\n  const rows = await sql.query('SELECT * FROM posts WHERE title LIKE $1', [`%${q}%`]);\n  return NextResponse.json(rows);\n}",
    'app/api/search/route.ts',
  ],
  [
    'Next.js app router: dynamic segment params (second argument)',
    'path-traversal:CWE-22',
    "import { readFile } from 'node:fs/promises';\nexport async function GET(_req: Request, { params }: { params: { slug: string } }) {\n  const text = await readFile(`content/${params.slug}.md`, 'utf8');\n  return new Response(text);\n}",
    "import { readFile } from 'node:fs/promises';\nconst pages = new Set(['about', 'terms']);\nexport async function GET(_req: Request, { params }: { params: { slug: string } }) {\n  if (!pages.has(params.slug)) return new Response('not found', { status: 404 });\n  const text = await readFile(`content/${params.slug}.md`, 'utf8');\n  return new Response(text);\n}",
    'app/docs/[slug]/route.ts',
  ],
  [
    'Next.js app router: request headers',
    'ssrf:CWE-918',
    "export async function POST(request: Request) {\n  const origin = request.headers.get('x-origin');\n  const res = await fetch(origin + '/status');\n  return Response.json(await res.json());\n}",
    "export async function POST(request: Request) {\n  const origin = request.headers.get('x-origin');\n  const res = await fetch('https://status.example.com/?from=' + encodeURIComponent(origin));\n  return Response.json(await res.json());\n}",
    'app/api/status/route.ts',
  ],
  [
    'Next.js app router, untyped: segment params in the context argument',
    'command-injection:CWE-78',
    "import { execSync } from 'node:child_process';\nexport async function DELETE(_req, context) {\n  execSync('rm -rf /var/cache/app/' + context.params.key);\n  return new Response(null, { status: 204 });\n}",
    "import { execFileSync } from 'node:child_process';\nexport async function DELETE(_req, context) {\n  execFileSync('rm', ['-rf', '--', '/var/cache/app/' + Number(context.params.key)]);\n  return new Response(null, { status: 204 });\n}",
    'app/api/cache/[key]/route.js',
  ],
  [
    'Next.js next/headers cookies()',
    'sql-injection:CWE-89',
    "import { cookies } from 'next/headers';\nexport default async function Dashboard() {\n  const team = cookies().get('team')?.value;\n  const rows = await db.query(`SELECT * FROM projects WHERE team = '${team}'`);\n  return rows.length;\n}",
    "import { cookies } from 'next/headers';\nexport default async function Dashboard() {\n  const team = cookies().get('team')?.value;\n  const rows = await db.query('SELECT * FROM projects WHERE team = $1', [team]);\n  return rows.length;\n}",
    'app/dashboard/page.js',
  ],
  [
    'Next.js Server Action arguments (a use server module)',
    'path-traversal:CWE-22',
    "'use server';\nimport { writeFile } from 'node:fs/promises';\nexport async function saveDraft(formData) {\n  const name = formData.get('name');\n  await writeFile('drafts/' + name + '.md', String(formData.get('body')));\n}",
    "'use server';\nimport { writeFile } from 'node:fs/promises';\nimport { randomUUID } from 'node:crypto';\nexport async function saveDraft(formData) {\n  await writeFile('drafts/' + randomUUID() + '.md', String(formData.get('body')));\n}",
    'app/actions.js',
  ],
  [
    'Next.js pages router: req.query',
    'code-injection:CWE-95',
    "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const fn = new Function('x', String(req.query.body));\n  res.json({ r: fn(1) });\n}",
    "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const n = Number(req.query.body);\n  res.json({ r: n + 1 });\n}",
    'pages/api/calc.ts',
  ],
  [
    'NestJS @Body() dto into mongoose $where',
    'nosql-injection:CWE-943',
    "import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: any) {}\n  @Post('find')\n  find(@Body() dto: { name: string }) {\n    return this.users.find({ $where: `this.name === '${dto.name}'` });\n  }\n}",
    "import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: any) {}\n  @Post('find')\n  find(@Body() dto: { name: string }) {\n    return this.users.find({ name: String(dto.name) });\n  }\n}",
  ],
  [
    "NestJS: a service of the same file is judged by its code, not by its method's name",
    'sql-injection:CWE-89',
    "import { Controller, Get, Injectable, Query } from '@nestjs/common';\n@Injectable()\nexport class PostsService {\n  constructor(private readonly db: any) {}\n  find(title: string) {\n    return this.db.query(`SELECT * FROM posts WHERE title = '${title}'`);\n  }\n}\n@Controller('posts')\nexport class PostsController {\n  constructor(private readonly posts: PostsService) {}\n  @Get() list(@Query('title') title: string) {\n    return this.posts.find(title);\n  }\n}",
    "import { Controller, Get, Injectable, Query } from '@nestjs/common';\n@Injectable()\nexport class PostsService {\n  constructor(private readonly db: any) {}\n  find(title: string) {\n    return this.db.query('SELECT * FROM posts WHERE title = $1', [title]);\n  }\n}\n@Controller('posts')\nexport class PostsController {\n  constructor(private readonly posts: PostsService) {}\n  @Get() list(@Query('title') title: string) {\n    return this.posts.find(title);\n  }\n}",
  ],
  [
    'NestJS @Headers() into fetch',
    'ssrf:CWE-918',
    "import { Controller, Get, Headers } from '@nestjs/common';\n@Controller('p')\nexport class P {\n  @Get()\n  async get(@Headers('x-target') target: string) {\n    return (await fetch(target)).text();\n  }\n}",
    "import { Controller, Get, Headers } from '@nestjs/common';\n@Controller('p')\nexport class P {\n  @Get()\n  async get(@Headers('x-target') target: string) {\n    return (await fetch('https://api.example.com/' + encodeURIComponent(target))).text();\n  }\n}",
  ],
  [
    'NestJS @Req() request query into fs',
    'path-traversal:CWE-22',
    "import { Controller, Get, Req } from '@nestjs/common';\nimport { readFileSync } from 'node:fs';\n@Controller('f')\nexport class F {\n  @Get()\n  get(@Req() req) {\n    return readFileSync('/srv/' + req.query.file);\n  }\n}",
    "import { Controller, Get, Req } from '@nestjs/common';\nimport { readFileSync } from 'node:fs';\nimport { basename } from 'node:path';\n@Controller('f')\nexport class F {\n  @Get()\n  get(@Req() req) {\n    return readFileSync('/srv/' + basename(req.query.file));\n  }\n}",
  ],
  [
    'NestJS @Param() into exec',
    'command-injection:CWE-78',
    "import { Controller, Get, Param } from '@nestjs/common';\nimport { exec } from 'child_process';\n@Controller('dns')\nexport class Dns {\n  @Get(':host')\n  look(@Param('host') host: string) {\n    exec('nslookup ' + host);\n  }\n}",
    "import { Controller, Get, Param } from '@nestjs/common';\nimport { execFile } from 'child_process';\n@Controller('dns')\nexport class Dns {\n  @Get(':host')\n  look(@Param('host') host: string) {\n    execFile('nslookup', [host]);\n  }\n}",
  ],
  [
    'Express router.param value',
    'sql-injection:CWE-89',
    "import { Router } from 'express';\nexport const router = Router();\nrouter.param('orgId', async (req, res, next, orgId) => {\n  req.org = await db.query('SELECT * FROM orgs WHERE id = ' + orgId);\n  next();\n});",
    "import { Router } from 'express';\nexport const router = Router();\nrouter.param('orgId', async (req, res, next, orgId) => {\n  req.org = await db.query('SELECT * FROM orgs WHERE id = $1', [orgId]);\n  next();\n});",
  ],
  [
    'Firebase callable function data',
    'path-traversal:CWE-22',
    "import { onCall } from 'firebase-functions/v2/https';\nimport { readFile } from 'node:fs/promises';\nexport const loadDoc = onCall(async (request) => readFile('/workspace/docs/' + request.data.name, 'utf8'));",
    "import { onCall } from 'firebase-functions/v2/https';\nimport { readFile } from 'node:fs/promises';\nimport { basename } from 'node:path';\nexport const loadDoc = onCall(async (request) => readFile('/workspace/docs/' + basename(String(request.data.name)), 'utf8'));",
  ],
  [
    'browser-extension message into innerHTML',
    'xss:CWE-79',
    "chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {\n  document.getElementById('panel').innerHTML = message.summary;\n});",
    "chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {\n  document.getElementById('panel').textContent = message.summary;\n});",
    'background.js',
  ],
  [
    'process.argv destructured',
    'command-injection:CWE-78',
    "import { execSync } from 'node:child_process';\nconst [, , branch] = process.argv;\nexecSync(`git checkout ${branch}`);",
    "import { execFileSync } from 'node:child_process';\nconst [, , branch] = process.argv;\nexecFileSync('git', ['checkout', branch]);",
  ],
  [
    'process.argv through minimist',
    'command-injection:CWE-78',
    "import minimist from 'minimist';\nimport { execSync } from 'node:child_process';\nconst args = minimist(process.argv.slice(2));\nexecSync(`git tag ${args.tag}`);",
    "import minimist from 'minimist';\nimport { execFileSync } from 'node:child_process';\nconst args = minimist(process.argv.slice(2));\nexecFileSync('git', ['tag', String(args.tag)]);",
  ],
  [
    'a commander action argument',
    'command-injection:CWE-78',
    "import { program } from 'commander';\nimport { execSync } from 'node:child_process';\nprogram.command('open <file>').action((file) => execSync('xdg-open ' + file));\nprogram.parse();",
    "import { program } from 'commander';\nimport { execFileSync } from 'node:child_process';\nprogram.command('open <file>').action((file) => execFileSync('xdg-open', [file]));\nprogram.parse();",
  ],
  [
    'ws message into eval',
    'code-injection:CWE-95',
    "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (raw) => {\n    ws.send(String(eval(raw.toString())));\n  });\n});",
    "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (raw) => {\n    ws.send(String(JSON.parse(raw.toString()).n + 1));\n  });\n});",
  ],
  [
    'process message (IPC from a parent) into exec',
    'command-injection:CWE-78',
    "import { exec } from 'node:child_process';\nprocess.on('message', (msg) => {\n  exec(msg.command, (err, out) => process.send?.(out));\n});",
    "import { execFile } from 'node:child_process';\nprocess.on('message', (msg) => {\n  execFile('ls', [msg.dir], (err, out) => process.send?.(out));\n});",
  ],
  [
    'worker message into vm',
    'code-injection:CWE-95',
    "import { Worker } from 'node:worker_threads';\nimport vm from 'node:vm';\nconst worker = new Worker('./w.js');\nworker.on('message', (script) => {\n  vm.runInThisContext(script);\n});",
    "import { Worker } from 'node:worker_threads';\nimport vm from 'node:vm';\nconst worker = new Worker('./w.js');\nworker.on('message', (script) => {\n  vm.runInThisContext('1 + 1');\n});",
  ],
  [
    'parentPort message in a worker',
    'code-injection:CWE-95',
    "import { parentPort } from 'node:worker_threads';\nparentPort?.on('message', (job) => {\n  parentPort?.postMessage(eval(job.expr));\n});",
    "import { parentPort } from 'node:worker_threads';\nparentPort?.on('message', (job) => {\n  parentPort?.postMessage(Number(job.expr) + 1);\n});",
  ],
  [
    'Web Worker onmessage (global assignment)',
    'code-injection:CWE-95',
    'onmessage = function (e) {\n  postMessage(eval(e.data));\n};',
    'onmessage = function (e) {\n  postMessage(Number(e.data) * 2);\n};',
    'worker.js',
  ],
  [
    'self.onmessage',
    'code-injection:CWE-95',
    'self.onmessage = (event) => {\n  const fn = new Function(event.data.code);\n  self.postMessage(fn());\n};',
    'self.onmessage = (event) => {\n  self.postMessage(String(event.data.code).length);\n};',
    'worker.js',
  ],
  [
    'postMessage handler with destructured data',
    'xss:CWE-79',
    "window.addEventListener('message', ({ data }) => {\n  document.getElementById('out').innerHTML = data.html;\n});",
    "window.addEventListener('message', ({ data }) => {\n  document.getElementById('out').textContent = data.html;\n});",
    'page.js',
  ],
  [
    'window.onmessage handler',
    'xss:CWE-79',
    "window.onmessage = function (ev) {\n  document.querySelector('#chat').insertAdjacentHTML('beforeend', ev.data);\n};",
    "window.onmessage = function (ev) {\n  document.querySelector('#chat').append(document.createTextNode(ev.data));\n};",
    'page.js',
  ],
  [
    'the location object used as a string',
    'xss:CWE-79',
    "document.getElementById('share').innerHTML = '<a href=\"mailto:?body=' + window.location + '\">Mail</a>';",
    "document.getElementById('share').innerHTML = '<a href=\"mailto:?body=' + encodeURIComponent(window.location) + '\">Mail</a>';",
    'page.js',
  ],
  [
    'Promise.all hands its inputs on',
    'command-injection:CWE-78',
    `import { exec } from 'node:child_process';\n${express('const [dir] = await Promise.all([req.body.dir, loadSettings()]);\nexec(`du -sh ${dir}`);\nres.end();')}`,
    `import { execFile } from 'node:child_process';\n${express("const [dir] = await Promise.all([req.body.dir, loadSettings()]);\nexecFile('du', ['-sh', dir]);\nres.end();")}`,
  ],
  [
    'document.URL into document.write',
    'xss:CWE-79',
    "const start = document.URL.indexOf('lang=') + 5;\ndocument.write('<p>' + document.URL.substring(start) + '</p>');",
    "const start = document.URL.indexOf('lang=') + 5;\ndocument.write('<p>' + encodeURIComponent(document.URL.substring(start)) + '</p>');",
    'page.js',
  ],
  [
    'document.referrer into outerHTML',
    'xss:CWE-79',
    'const back = document.getElementById(\'back\');\nback.outerHTML = `<a href="${document.referrer}">Back</a>`;',
    "const back = document.getElementById('back');\nback.setAttribute('title', document.referrer);",
    'page.js',
  ],
  [
    'window.name into eval',
    'code-injection:CWE-95',
    'const saved = window.name;\nif (saved) eval(saved);',
    'const saved = window.name;\nif (saved) console.log(saved.length);',
    'page.js',
  ],
  [
    'location.hash into innerHTML via URLSearchParams',
    'xss:CWE-79',
    "const params = new URLSearchParams(location.search);\ndocument.getElementById('title').innerHTML = params.get('title');",
    "const params = new URLSearchParams(location.search);\ndocument.getElementById('title').innerHTML = DOMPurify.sanitize(params.get('title'));",
    'page.js',
  ],
  // ---- sanitizers
  [
    'a switch over constants is an allow-list',
    'sql-injection:CWE-89',
    express(
      "const rows = await db.query('SELECT * FROM posts ORDER BY created ' + req.query.dir);\nres.json(rows);",
    ),
    express(
      "switch (req.query.dir) {\n  case 'asc':\n  case 'desc':\n    return res.json(await db.query('SELECT * FROM posts ORDER BY created ' + req.query.dir));\n  default:\n    return res.sendStatus(400);\n}",
    ),
  ],
  [
    'an isNaN guard leaves a number',
    'sql-injection:CWE-89',
    express(
      "const id = req.params.id;\nres.json(await db.query('SELECT * FROM posts WHERE id = ' + id));",
    ),
    express(
      "const id = req.params.id;\nif (isNaN(id)) return res.sendStatus(400);\nres.json(await db.query('SELECT * FROM posts WHERE id = ' + id));",
    ),
  ],
  // ---- SQL / NoSQL / template sinks
  [
    'mysql2 execute with interpolation',
    'sql-injection:CWE-89',
    `import mysql from 'mysql2/promise';\nconst conn = await mysql.createConnection({});\n${express('const [rows] = await conn.execute(`SELECT * FROM orders WHERE user = ${req.body.user}`);\nres.json(rows);')}`,
    `import mysql from 'mysql2/promise';\nconst conn = await mysql.createConnection({});\n${express("const [rows] = await conn.execute('SELECT * FROM orders WHERE user = ?', [req.body.user]);\nres.json(rows);")}`,
  ],
  [
    'sequelize.query with concatenation',
    'sql-injection:CWE-89',
    `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('sqlite::memory:');\n${express("const rows = await sequelize.query('SELECT * FROM tags WHERE name = \\'' + req.query.tag + '\\'');\nres.json(rows);")}`,
    `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('sqlite::memory:');\n${express("const rows = await sequelize.query('SELECT * FROM tags WHERE name = :tag', { replacements: { tag: req.query.tag } });\nres.json(rows);")}`,
  ],
  [
    'knex raw',
    'sql-injection:CWE-89',
    `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n${express('const rows = await db.raw(`SELECT * FROM items ORDER BY ${req.query.sort}`);\nres.json(rows);')}`,
    `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n${express("const rows = await db.raw('SELECT * FROM items WHERE id = ?', [req.query.id]);\nres.json(rows);")}`,
  ],
  [
    'knex whereRaw',
    'sql-injection:CWE-89',
    `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n${express("const rows = await db('users').whereRaw(`email = '${req.body.email}'`);\nres.json(rows);")}`,
    `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n${express("const rows = await db('users').whereRaw('email = ?', [req.body.email]);\nres.json(rows);")}`,
  ],
  [
    'knex orderByRaw',
    'sql-injection:CWE-89',
    `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n${express("const rows = await db('users').select('*').orderByRaw(req.query.order);\nres.json(rows);")}`,
    `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n${express("const order = req.query.order === 'asc' ? 'name asc' : 'name desc';\nconst rows = await db('users').select('*').orderByRaw(order);\nres.json(rows);")}`,
  ],
  [
    'TypeORM query builder condition built from input',
    'sql-injection:CWE-89',
    `import { AppDataSource } from './data-source';\n${express("const users = await AppDataSource.getRepository('User').createQueryBuilder('u').where(`u.email = '${req.query.email}'`).getMany();\nres.json(users);")}`,
    `import { AppDataSource } from './data-source';\n${express("const users = await AppDataSource.getRepository('User').createQueryBuilder('u').where('u.email = :email', { email: req.query.email }).getMany();\nres.json(users);")}`,
  ],
  [
    'Sequelize literal() imported bare',
    'sql-injection:CWE-89',
    `import { literal } from 'sequelize';\n${express("res.json(await Post.findAll({ where: literal(`title LIKE '%${req.query.q}%'`) }));")}`,
    `import { Op } from 'sequelize';\n${express('res.json(await Post.findAll({ where: { title: { [Op.like]: `%${req.query.q}%` } } }));')}`,
  ],
  [
    'mongoose $where from input',
    'nosql-injection:CWE-943',
    `import mongoose from 'mongoose';\nconst User = mongoose.model('User');\n${express("const users = await User.find({ $where: 'this.age > ' + req.body.age });\nres.json(users);")}`,
    `import mongoose from 'mongoose';\nconst User = mongoose.model('User');\n${express('const users = await User.find({ age: { $gt: Number(req.body.age) } });\nres.json(users);')}`,
  ],
  [
    'mongo query object from the body (operator injection)',
    'nosql-injection:CWE-943',
    `import mongoose from 'mongoose';\nconst User = mongoose.model('User');\n${express('const user = await User.findOne({ email: req.body.email, password: req.body.password });\nres.json(user);')}`,
    `import mongoose from 'mongoose';\nconst User = mongoose.model('User');\n${express('const user = await User.findOne({ email: String(req.body.email), password: String(req.body.password) });\nres.json(user);')}`,
  ],
  [
    'an aggregation $match stage from the body',
    'nosql-injection:CWE-943',
    `import mongoose from 'mongoose';\nconst Order = mongoose.model('Order');\n${express("res.json(await Order.aggregate([{ $match: { customer: req.body.customer } }, { $group: { _id: '$status', n: { $sum: 1 } } }]));")}`,
    `import mongoose from 'mongoose';\nconst Order = mongoose.model('Order');\n${express("res.json(await Order.aggregate([{ $match: { customer: String(req.body.customer) } }, { $group: { _id: '$status', n: { $sum: 1 } } }]));")}`,
  ],
  [
    'a mongoose query .where() given the body',
    'nosql-injection:CWE-943',
    `import mongoose from 'mongoose';\nconst User = mongoose.model('User');\n${express('res.json(await User.find().where(req.body).limit(10));')}`,
    `import mongoose from 'mongoose';\nconst User = mongoose.model('User');\n${express("res.json(await User.find().where('team').equals(String(req.body.team)).limit(10));")}`,
  ],
  [
    'a $function body from input',
    'nosql-injection:CWE-943',
    `import mongoose from 'mongoose';\nconst Doc = mongoose.model('Doc');\n${express("res.json(await Doc.find({ $expr: { $function: { body: req.body.rule, args: ['$score'], lang: 'js' } } }));")}`,
    `import mongoose from 'mongoose';\nconst Doc = mongoose.model('Doc');\n${express("res.json(await Doc.find({ $expr: { $function: { body: 'function (s) { return s > 10; }', args: ['$score'], lang: 'js' } } }));")}`,
  ],
  [
    'prisma $queryRawUnsafe',
    'sql-injection:CWE-89',
    `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n${express('const rows = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name = \'${req.body.name}\'`);\nres.json(rows);')}`,
    `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n${express('const rows = await prisma.$queryRaw`SELECT * FROM "User" WHERE name = ${req.body.name}`;\nres.json(rows);')}`,
  ],
  [
    'prisma $executeRawUnsafe',
    'sql-injection:CWE-89',
    `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n${express('await prisma.$executeRawUnsafe(\'DELETE FROM "Post" WHERE id = \' + req.params.id);\nres.end();')}`,
    `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n${express('await prisma.$executeRawUnsafe(\'DELETE FROM "Post" WHERE id = $1\', req.params.id);\nres.end();')}`,
  ],
  [
    'ejs.render of a user template',
    'template-injection:CWE-1336',
    `import ejs from 'ejs';\n${express('res.send(ejs.render(req.body.template, { user: req.user }));')}`,
    `import ejs from 'ejs';\n${express("res.send(ejs.render('<p><%= user.name %></p>', { user: req.body }));")}`,
  ],
  [
    'pug.compile of a user template',
    'template-injection:CWE-1336',
    `import pug from 'pug';\n${express('const fn = pug.compile(req.body.layout);\nres.send(fn({}));')}`,
    `import pug from 'pug';\n${express("const fn = pug.compileFile('views/card.pug');\nres.send(fn({ title: req.body.layout }));")}`,
  ],
  [
    'Handlebars.compile of a user template',
    'template-injection:CWE-1336',
    `import Handlebars from 'handlebars';\n${express('const tpl = Handlebars.compile(req.body.source);\nres.send(tpl({ name: "x" }));')}`,
    `import Handlebars from 'handlebars';\n${express("const tpl = Handlebars.compile('<b>{{name}}</b>');\nres.send(tpl({ name: req.body.source }));")}`,
  ],
  [
    'res.render of a view named by input',
    'path-traversal:CWE-22',
    express('res.render(`help/${req.query.topic}`, { user: req.user });'),
    express(
      "const topics = { billing: 'help/billing', account: 'help/account' };\nres.render(topics[req.query.topic] ?? 'help/index', { user: req.user });",
    ),
  ],
  [
    'res.render with the query object as locals (engine options from input)',
    'template-injection:CWE-1336',
    express("res.render('search', req.query);"),
    express("res.render('search', { q: String(req.query.q ?? '') });"),
  ],
  // ---- XSS sinks
  [
    'innerHTML from location.hash',
    'xss:CWE-79',
    "const tab = decodeURIComponent(location.hash.substring(1));\ndocument.querySelector('.tab').innerHTML = tab;",
    "const tab = decodeURIComponent(location.hash.substring(1));\ndocument.querySelector('.tab').textContent = tab;",
    'page.js',
  ],
  [
    'jQuery .attr(href) from the URL',
    'xss:CWE-79',
    "const next = new URLSearchParams(location.search).get('next');\n$('#continue').attr('href', next);",
    "const next = new URLSearchParams(location.search).get('next');\n$('#continue').attr('title', next);",
    'page.js',
  ],
  [
    'jQuery $.getScript of a URL from the hash',
    'code-injection:CWE-94',
    'const plugin = location.hash.slice(1);\n$.getScript(plugin);',
    "const plugin = location.hash.slice(1);\n$.getScript('/plugins/' + plugin + '.js');",
    'page.js',
  ],
  [
    'document.write of another window',
    'xss:CWE-79',
    "const popup = window.open('', 'preview');\npopup.document.write(decodeURIComponent(location.hash.slice(1)));",
    "const popup = window.open('', 'preview');\npopup.document.title = decodeURIComponent(location.hash.slice(1));",
    'page.js',
  ],
  [
    'React dangerouslySetInnerHTML from the query string',
    'xss:CWE-79',
    "import { useSearchParams } from 'react-router-dom';\nexport function Preview() {\n  const [params] = useSearchParams();\n  return <div dangerouslySetInnerHTML={{ __html: params.get('md') }} />;\n}",
    "import { useSearchParams } from 'react-router-dom';\nimport DOMPurify from 'dompurify';\nexport function Preview() {\n  const [params] = useSearchParams();\n  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(params.get('md')) }} />;\n}",
    'preview.tsx',
  ],
  [
    'Vue render function domProps innerHTML',
    'xss:CWE-79',
    "export default {\n  props: ['comment'],\n  render(h) {\n    return h('div', { domProps: { innerHTML: this.$route.query.msg } });\n  },\n};",
    "export default {\n  props: ['comment'],\n  render(h) {\n    return h('div', { domProps: { textContent: this.$route.query.msg } });\n  },\n};",
    'comment.js',
  ],
  [
    'Vue 3 render function innerHTML prop',
    'xss:CWE-79',
    "import { h } from 'vue';\nimport { useRoute } from 'vue-router';\nexport default {\n  setup() {\n    const route = useRoute();\n    return () => h('section', { class: 'note', innerHTML: route.query.note });\n  },\n};",
    "import { h } from 'vue';\nimport { useRoute } from 'vue-router';\nexport default {\n  setup() {\n    const route = useRoute();\n    return () => h('section', { class: 'note' }, String(route.query.note));\n  },\n};",
    'note.ts',
  ],
  [
    'Angular bypassSecurityTrustHtml of a route param',
    'xss:CWE-79',
    "import { Component } from '@angular/core';\nimport { ActivatedRoute } from '@angular/router';\nimport { DomSanitizer } from '@angular/platform-browser';\n@Component({ selector: 'app-x', template: '<div [innerHTML]=\"html\"></div>' })\nexport class X {\n  html: any;\n  constructor(route: ActivatedRoute, private sanitizer: DomSanitizer) {\n    this.html = this.sanitizer.bypassSecurityTrustHtml(route.snapshot.queryParams['msg']);\n  }\n}",
    "import { Component } from '@angular/core';\nimport { ActivatedRoute } from '@angular/router';\nimport { DomSanitizer } from '@angular/platform-browser';\n@Component({ selector: 'app-x', template: '<div [innerHTML]=\"html\"></div>' })\nexport class X {\n  html: any;\n  constructor(route: ActivatedRoute, private sanitizer: DomSanitizer) {\n    this.html = this.sanitizer.bypassSecurityTrustHtml('<b>welcome</b>');\n  }\n}",
  ],
  [
    'Angular bypassSecurityTrustUrl of a caller value',
    'xss:CWE-79',
    "import { Pipe } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n@Pipe({ name: 'trustUrl' })\nexport class TrustUrlPipe {\n  constructor(private sanitizer: DomSanitizer) {}\n  transform(url: string) {\n    return this.sanitizer.bypassSecurityTrustResourceUrl(url);\n  }\n}",
    "import { Pipe } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n@Pipe({ name: 'trustUrl' })\nexport class TrustUrlPipe {\n  constructor(private sanitizer: DomSanitizer) {}\n  transform() {\n    return this.sanitizer.bypassSecurityTrustResourceUrl('https://www.youtube.com/embed/intro');\n  }\n}",
  ],
  [
    'res.send of user HTML',
    'xss:CWE-79',
    express('res.send(`<p>Results for ${req.query.q}</p>`);'),
    express('res.send(`<p>Results for ${escapeHtml(req.query.q)}</p>`);'),
  ],
  [
    'res.write of user HTML',
    'xss:CWE-79',
    express(
      "res.setHeader('Content-Type', 'text/html');\nres.write('<div>' + req.body.comment + '</div>');\nres.end();",
    ),
    express(
      "res.setHeader('Content-Type', 'text/html');\nres.write('<div>' + he.encode(req.body.comment) + '</div>');\nres.end();",
    ),
  ],
  [
    'unescaped output of a template written in code (ejs)',
    'xss:CWE-79',
    `import ejs from 'ejs';\n${express("res.send(ejs.render('<section><%- bio %></section>', { bio: req.body.bio }));")}`,
    `import ejs from 'ejs';\n${express("res.send(ejs.render('<section><%= bio %></section>', { bio: req.body.bio }));")}`,
  ],
  [
    'unescaped output of a compiled Handlebars template',
    'xss:CWE-79',
    `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('<div class="card">{{{about}}}</div><h2>{{name}}</h2>');\n${express('res.send(card({ name: "x", about: req.body.about }));')}`,
    `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('<div class="card">{{{about}}}</div><h2>{{name}}</h2>');\n${express('res.send(card({ name: req.body.name, about: "static" }));')}`,
  ],
  [
    'markdown from input rendered with marked (raw HTML passes through)',
    'xss:CWE-79',
    `import { marked } from 'marked';\n${express('res.send(marked.parse(req.body.markdown));')}`,
    `import { marked } from 'marked';\nimport DOMPurify from 'isomorphic-dompurify';\n${express('res.send(DOMPurify.sanitize(marked.parse(req.body.markdown)));')}`,
  ],
  [
    'AngularJS $compile of URL input',
    'xss:CWE-79',
    "angular.module('app').controller('Banner', function ($scope, $compile, $routeParams) {\n  const el = $compile('<div>' + $routeParams.banner + '</div>')($scope);\n  angular.element(document.body).append(el);\n});",
    "angular.module('app').controller('Banner', function ($scope, $compile, $routeParams) {\n  $scope.banner = $routeParams.banner;\n  const el = $compile('<div>{{banner}}</div>')($scope);\n  document.body.appendChild(el[0]);\n});",
    'banner.js',
  ],
  [
    'script element text from the URL',
    'xss:CWE-79',
    "const s = document.createElement('script');\ns.textContent = decodeURIComponent(location.hash.slice(1));\ndocument.head.appendChild(s);",
    "const s = document.createElement('style');\ns.textContent = decodeURIComponent(location.hash.slice(1));\ndocument.head.appendChild(s);",
    'page.js',
  ],
  [
    'a text/html web Response of input',
    'xss:CWE-79',
    "export async function GET(request: Request) {\n  const msg = new URL(request.url).searchParams.get('msg');\n  return new Response(msg, { headers: { 'Content-Type': 'text/html' } });\n}",
    "export async function GET(request: Request) {\n  const msg = new URL(request.url).searchParams.get('msg');\n  return new Response(msg, { headers: { 'Content-Type': 'text/plain' } });\n}",
    'app/echo/route.ts',
  ],
  // ---- code eval sinks
  [
    'vm.runInNewContext of input',
    'code-injection:CWE-95',
    `import vm from 'node:vm';\n${express('res.json({ r: vm.runInNewContext(req.body.expr, {}) });')}`,
    `import vm from 'node:vm';\n${express("res.json({ r: vm.runInNewContext('a + b', { a: Number(req.body.a), b: 2 }) });")}`,
  ],
  [
    'new vm.Script of input',
    'code-injection:CWE-95',
    `import vm from 'node:vm';\n${express('const script = new vm.Script(req.body.code);\nres.json(script.runInNewContext({}));')}`,
    `import vm from 'node:vm';\n${express("const script = new vm.Script('1 + 1');\nres.json(script.runInNewContext({}));")}`,
  ],
  [
    'setTimeout with a string from input',
    'code-injection:CWE-95',
    express("setTimeout('notify(' + req.query.id + ')', 1000);\nres.end();"),
    express('setTimeout(() => notify(req.query.id), 1000);\nres.end();'),
  ],
  [
    'setInterval with a string from the hash',
    'code-injection:CWE-95',
    'const tick = location.hash.slice(1);\nsetInterval(tick, 500);',
    'const tick = location.hash.slice(1);\nsetInterval(() => console.log(tick), 500);',
    'page.js',
  ],
  [
    // filed as SSRF (the page script can fetch internal URLs), as semgrep files it (ADR 0017)
    'playwright page.evaluate of a user string',
    'ssrf:CWE-918',
    `import { chromium } from 'playwright';\n${express('const browser = await chromium.launch();\nconst page = await browser.newPage();\nconst out = await page.evaluate(req.body.script);\nres.json(out);')}`,
    `import { chromium } from 'playwright';\n${express('const browser = await chromium.launch();\nconst page = await browser.newPage();\nawait page.goto("https://status.example.com");\nconst out = await page.evaluate(() => document.title);\nres.json(out);')}`,
  ],
  [
    'indirect calls, as TypeScript and Babel compile imports: (0, mod.fn)(…)',
    'command-injection:CWE-78',
    '"use strict";\nconst child_process_1 = require("child_process");\nconst express_1 = require("express");\nconst app = (0, express_1.default)();\napp.get("/du", (req, res) => {\n  (0, child_process_1.exec)("du -sh " + req.query.dir);\n});',
    '"use strict";\nconst child_process_1 = require("child_process");\nconst express_1 = require("express");\nconst app = (0, express_1.default)();\napp.get("/du", (req, res) => {\n  (0, child_process_1.execFile)("du", ["-sh", req.query.dir]);\n});',
    'dist/server.js',
  ],
  [
    'indirect eval',
    'code-injection:CWE-95',
    express('res.json((0, eval)(req.body.expr));'),
    express('res.json(Number(req.body.expr));'),
  ],
  // ---- command injection
  [
    'execFile with shell: true and input',
    'command-injection:CWE-78',
    `import { execFile } from 'node:child_process';\n${express("execFile('convert', [req.body.src, 'out.png'], { shell: true });\nres.end();")}`,
    `import { execFile } from 'node:child_process';\n${express("execFile('convert', [req.body.src, 'out.png']);\nres.end();")}`,
  ],
  [
    'spawn of sh -c with input',
    'command-injection:CWE-78',
    `import { spawn } from 'node:child_process';\n${express("spawn('sh', ['-c', 'du -sh ' + req.query.dir]);\nres.end();")}`,
    `import { spawn } from 'node:child_process';\n${express("spawn('du', ['-sh', req.query.dir]);\nres.end();")}`,
  ],
  [
    'promisified exec',
    'command-injection:CWE-78',
    `import { exec } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(exec);\n${express("const { stdout } = await run('whois ' + req.query.domain);\nres.send(stdout);")}`,
    `import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(execFile);\n${express("const { stdout } = await run('whois', [req.query.domain]);\nres.send(stdout);")}`,
  ],
  [
    'a shell argument list held in a variable',
    'command-injection:CWE-78',
    `import { spawn } from 'node:child_process';\n${express("const argv = ['-c', 'tar czf backup.tgz ' + req.body.dir];\nspawn('/bin/sh', argv);\nres.end();")}`,
    `import { spawn } from 'node:child_process';\n${express("const argv = ['czf', 'backup.tgz', req.body.dir];\nspawn('tar', argv);\nres.end();")}`,
  ],
  [
    'shell options held in a variable',
    'command-injection:CWE-78',
    `import { spawn } from 'node:child_process';\n${express("const opts = { cwd: '/srv', shell: true };\nspawn('grep', ['-r', req.query.q, '.'], opts);\nres.end();")}`,
    `import { spawn } from 'node:child_process';\n${express("const opts = { cwd: '/srv' };\nspawn('grep', ['-r', req.query.q, '.'], opts);\nres.end();")}`,
  ],
  // ---- path traversal
  [
    'res.sendFile with a user path',
    'path-traversal:CWE-22',
    express("res.sendFile(__dirname + '/uploads/' + req.query.file);"),
    express("res.sendFile(req.query.file, { root: __dirname + '/uploads' });"),
  ],
  [
    'res.download with a user path',
    'path-traversal:CWE-22',
    `import path from 'node:path';\n${express("res.download(path.join('reports', req.params.name));")}`,
    `import path from 'node:path';\n${express("const base = path.resolve('reports');\nconst file = path.resolve(base, req.params.name);\nif (!file.startsWith(base + path.sep)) return res.sendStatus(403);\nres.download(file);")}`,
  ],
  [
    'fs.createReadStream with a user path',
    'path-traversal:CWE-22',
    `import fs from 'node:fs';\n${express("fs.createReadStream('./logs/' + req.query.day).pipe(res);")}`,
    `import fs from 'node:fs';\n${express("const day = String(parseInt(req.query.day, 10));\nfs.createReadStream('./logs/' + day).pipe(res);")}`,
  ],
  [
    'fs.writeFile with a user path',
    'path-traversal:CWE-22',
    `import { writeFile } from 'node:fs/promises';\n${express("await writeFile('uploads/' + req.body.filename, req.body.content);\nres.end();")}`,
    `import { writeFile } from 'node:fs/promises';\nimport { randomUUID } from 'node:crypto';\n${express("await writeFile('uploads/' + randomUUID(), req.body.content);\nres.end();")}`,
  ],
  [
    'fs.promises.unlink with a user path',
    'path-traversal:CWE-22',
    `import fs from 'node:fs';\n${express("await fs.promises.unlink('/tmp/cache/' + req.params.key);\nres.end();")}`,
    `import fs from 'node:fs';\nconst keys = new Set(['a', 'b']);\n${express("if (!keys.has(req.params.key)) return res.sendStatus(404);\nawait fs.promises.unlink('/tmp/cache/' + req.params.key);\nres.end();")}`,
  ],
  [
    'fs-extra copy with a user path',
    'path-traversal:CWE-22',
    `import fse from 'fs-extra';\n${express("await fse.copy('templates/' + req.body.template, 'sites/new');\nres.end();")}`,
    `import fse from 'fs-extra';\nconst templates = new Set(['blog', 'shop']);\n${express("if (!templates.has(req.body.template)) return res.sendStatus(400);\nawait fse.copy('templates/' + req.body.template, 'sites/new');\nres.end();")}`,
  ],
  [
    'busboy file name into a write path',
    'path-traversal:CWE-22',
    `import busboy from 'busboy';\nimport fs from 'node:fs';\n${express("const bb = busboy({ headers: req.headers });\nbb.on('file', (field, stream, info) => stream.pipe(fs.createWriteStream('/srv/uploads/' + info.filename)));\nreq.pipe(bb);")}`,
    `import busboy from 'busboy';\nimport fs from 'node:fs';\nimport { randomUUID } from 'node:crypto';\n${express("const bb = busboy({ headers: req.headers });\nbb.on('file', (field, stream, info) => stream.pipe(fs.createWriteStream('/srv/uploads/' + randomUUID())));\nreq.pipe(bb);")}`,
  ],
  [
    'formidable fields into a write path',
    'path-traversal:CWE-22',
    `import formidable from 'formidable';\nimport fs from 'node:fs';\n${express("formidable().parse(req, (err, fields, files) => {\n  fs.writeFileSync('notes/' + fields.title, String(fields.body));\n  res.end();\n});")}`,
    `import formidable from 'formidable';\nimport fs from 'node:fs';\nimport path from 'node:path';\n${express("formidable().parse(req, (err, fields, files) => {\n  fs.writeFileSync('notes/' + path.basename(String(fields.title)), String(fields.body));\n  res.end();\n});")}`,
  ],
  // ---- SSRF
  [
    'got with a user URL',
    'ssrf:CWE-918',
    `import got from 'got';\n${express('const body = await got(req.query.feed).text();\nres.send(body);')}`,
    `import got from 'got';\n${express("const body = await got('https://feeds.example.com/' + encodeURIComponent(req.query.feed)).text();\nres.send(body);")}`,
  ],
  [
    'needle with a user URL',
    'ssrf:CWE-918',
    `import needle from 'needle';\n${express("const r = await needle('get', req.body.url);\nres.json(r.body);")}`,
    `import needle from 'needle';\n${express("const r = await needle('get', 'https://api.example.com/x');\nres.json(r.body);")}`,
  ],
  [
    'request library with a user URL',
    'ssrf:CWE-918',
    `import request from 'request';\n${express('request(req.query.image).pipe(res);')}`,
    `import request from 'request';\n${express("request('https://cdn.example.com/img/' + encodeURIComponent(req.query.image)).pipe(res);")}`,
  ],
  [
    'http.request with user options',
    'ssrf:CWE-918',
    `import http from 'node:http';\n${express("http.request({ host: req.query.host, path: '/health' }, (r) => r.pipe(res)).end();")}`,
    `import http from 'node:http';\n${express("http.request({ host: 'internal.example.com', path: '/health' }, (r) => r.pipe(res)).end();")}`,
  ],
  [
    'https.get with a user URL',
    'ssrf:CWE-918',
    `import https from 'node:https';\n${express('https.get(req.body.avatarUrl, (r) => r.pipe(res));')}`,
    `import https from 'node:https';\n${express("https.get('https://avatars.example.com/' + encodeURIComponent(req.body.avatarUrl), (r) => r.pipe(res));")}`,
  ],
  [
    'axios config object url from input',
    'ssrf:CWE-918',
    `import axios from 'axios';\n${express("const r = await axios({ method: 'get', url: req.body.endpoint });\nres.json(r.data);")}`,
    `import axios from 'axios';\n${express("const r = await axios({ method: 'get', url: 'https://api.example.com/v1', params: { q: req.body.endpoint } });\nres.json(r.data);")}`,
  ],
  [
    'fetch allow-listed host is safe',
    'ssrf:CWE-918',
    express('const r = await fetch(req.query.url);\nres.json(await r.json());'),
    express(
      "const allowed = ['https://a.example.com', 'https://b.example.com'];\nif (!allowed.includes(req.query.url)) return res.sendStatus(400);\nconst r = await fetch(req.query.url);\nres.json(await r.json());",
    ),
  ],
  // ---- prototype pollution
  [
    'recursive merge of a request body',
    'prototype-pollution:CWE-1321',
    "function deepMerge(target, source) {\n  for (const key of Object.keys(source)) {\n    if (source[key] && typeof source[key] === 'object') {\n      if (!target[key]) target[key] = {};\n      deepMerge(target[key], source[key]);\n    } else {\n      target[key] = source[key];\n    }\n  }\n  return target;\n}\nexport const settings = {};\napp.post('/settings', (req, res) => { deepMerge(settings, req.body); res.end(); });",
    "function deepMerge(target, source) {\n  for (const key of Object.keys(source)) {\n    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;\n    if (source[key] && typeof source[key] === 'object') {\n      if (!target[key]) target[key] = {};\n      deepMerge(target[key], source[key]);\n    } else {\n      target[key] = source[key];\n    }\n  }\n  return target;\n}\nexport const settings = {};\napp.post('/settings', (req, res) => { deepMerge(settings, req.body); res.end(); });",
  ],
  [
    'two user keys into a nested write',
    'prototype-pollution:CWE-1321',
    express('const { section, key, value } = req.body;\nconfig[section][key] = value;\nres.end();'),
    express(
      "const { section, key, value } = req.body;\nif (!Object.hasOwn(config, section)) return res.sendStatus(400);\nif (key === '__proto__' || key === 'constructor') return res.sendStatus(400);\nconfig[section][key] = value;\nres.end();",
    ),
  ],
  [
    'a named property written into an object picked by an input key',
    'prototype-pollution:CWE-1321',
    express('const todo = todos[req.params.id];\ntodo.title = req.body.title;\nres.json(todo);'),
    express(
      'const todo = todos.get(req.params.id);\ntodo.title = req.body.title;\nres.json(todo);',
    ),
  ],
  [
    'a flag set on an object picked by an input key',
    'prototype-pollution:CWE-1321',
    express('features[req.query.flag].enabled = true;\nres.end();'),
    express(
      'if (!Object.hasOwn(features, req.query.flag)) return res.sendStatus(404);\nfeatures[req.query.flag].enabled = true;\nres.end();',
    ),
  ],
  // ---- DynamoDB (AWS SDK v3)
  [
    'a DynamoDB command whose input object is the request body',
    'nosql-injection:CWE-943',
    "import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async (event) => {\n  const input = JSON.parse(event.body);\n  return db.send(new QueryCommand(input));\n};",
    "import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async (event) => {\n  const { owner } = JSON.parse(event.body);\n  const params = { TableName: 'notes', KeyConditionExpression: 'owner = :o', ExpressionAttributeValues: { ':o': { S: owner } } };\n  return db.send(new QueryCommand(params));\n};",
  ],
  [
    'a PartiQL statement built from input',
    'nosql-injection:CWE-943',
    "import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async (event) =>\n  db.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM notes WHERE id = '${event.pathParameters.id}'` }));",
    "import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async (event) =>\n  db.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM notes WHERE id = ?', Parameters: [{ S: event.pathParameters.id }] }));",
  ],
  // ---- insecure crypto
  [
    'md5 of a password',
    'insecure-crypto:CWE-916',
    "import crypto from 'node:crypto';\nexport function hashPassword(password: string) {\n  return crypto.createHash('md5').update(password).digest('hex');\n}",
    "import crypto from 'node:crypto';\nexport function hashPassword(password: string, salt: Buffer) {\n  return crypto.scryptSync(password, salt, 64).toString('hex');\n}",
  ],
  [
    'sha1 of a password',
    'insecure-crypto:CWE-916',
    "import { createHash } from 'node:crypto';\nexport const digestPw = (user) => createHash('sha1').update(user.password).digest('hex');",
    "import { createHash } from 'node:crypto';\nexport const etag = (body) => createHash('sha1').update(body).digest('hex');",
  ],
  [
    'Math.random for a reset token',
    'insecure-crypto:CWE-338',
    'export function resetToken() {\n  const token = Math.random().toString(36).slice(2);\n  return token;\n}',
    "import { randomBytes } from 'node:crypto';\nexport function resetToken() {\n  const token = randomBytes(24).toString('hex');\n  return token;\n}",
  ],
  [
    'ECB mode',
    'insecure-crypto:CWE-327',
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const c = crypto.createCipheriv('aes-256-ecb', key, null);\n  return Buffer.concat([c.update(data), c.final()]);\n};",
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const iv = crypto.randomBytes(12);\n  const c = crypto.createCipheriv('aes-256-gcm', key, iv);\n  return Buffer.concat([iv, c.update(data), c.final(), c.getAuthTag()]);\n};",
  ],
  [
    'static IV',
    'insecure-crypto:CWE-329',
    "import crypto from 'node:crypto';\nconst iv = Buffer.from('0123456789abcdef');\nexport const enc = (key, data) => {\n  const c = crypto.createCipheriv('aes-256-cbc', key, iv);\n  return Buffer.concat([c.update(data), c.final()]);\n};",
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const iv = crypto.randomBytes(16);\n  const c = crypto.createCipheriv('aes-256-cbc', key, iv);\n  return Buffer.concat([iv, c.update(data), c.final()]);\n};",
  ],
  [
    'zero IV from Buffer.alloc',
    'insecure-crypto:CWE-329',
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const c = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0));\n  return Buffer.concat([c.update(data), c.final()]);\n};",
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const c = crypto.createCipheriv('aes-256-cbc', key, crypto.randomBytes(16));\n  return Buffer.concat([c.update(data), c.final()]);\n};",
  ],
  [
    'a zeroed IV buffer in a variable',
    'insecure-crypto:CWE-329',
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const iv = Buffer.alloc(16);\n  const c = crypto.createCipheriv('aes-256-cbc', key, iv);\n  return Buffer.concat([c.update(data), c.final()]);\n};",
    "import crypto from 'node:crypto';\nexport const enc = (key, data) => {\n  const iv = Buffer.alloc(16);\n  crypto.randomFillSync(iv);\n  const c = crypto.createCipheriv('aes-256-cbc', key, iv);\n  return Buffer.concat([iv, c.update(data), c.final()]);\n};",
  ],
  [
    'deprecated createCipher',
    'insecure-crypto:CWE-327',
    "import crypto from 'node:crypto';\nexport const enc = (pass, data) => crypto.createCipher('aes-256-cbc', pass).update(data, 'utf8', 'hex');",
    "import crypto from 'node:crypto';\nexport const enc = (key, iv, data) => crypto.createCipheriv('aes-256-cbc', key, iv).update(data, 'utf8', 'hex');",
  ],
  [
    'jwt.verify without algorithms',
    'insecure-crypto:CWE-347',
    "import jwt from 'jsonwebtoken';\nexport const check = (token: string) => jwt.verify(token, process.env.JWT_PUBLIC_KEY!);",
    "import jwt from 'jsonwebtoken';\nexport const check = (token: string) => jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] });",
  ],
  [
    "jwt.verify allowing 'none'",
    'insecure-crypto:CWE-347',
    "import jwt from 'jsonwebtoken';\nexport const check = (token: string) => jwt.verify(token, process.env.JWT_KEY!, { algorithms: ['HS256', 'none'] });",
    "import jwt from 'jsonwebtoken';\nexport const check = (token: string) => jwt.verify(token, process.env.JWT_KEY!, { algorithms: ['HS256'] });",
  ],
  [
    'rejectUnauthorized: false',
    'insecure-crypto:CWE-295',
    "import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });",
    "import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });",
  ],
  [
    'bcrypt with a low cost',
    'insecure-crypto:CWE-916',
    "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hash(pw, 6);",
    "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hash(pw, 12);",
  ],
  [
    'a 1024-bit RSA key',
    'insecure-crypto:CWE-326',
    "import { generateKeyPairSync } from 'node:crypto';\nexport const keys = generateKeyPairSync('rsa', { modulusLength: 1024 });",
    "import { generateKeyPairSync } from 'node:crypto';\nexport const keys = generateKeyPairSync('rsa', { modulusLength: 3072 });",
  ],
  [
    'TLS 1.0 allowed',
    'insecure-crypto:CWE-327',
    "import https from 'node:https';\nexport const server = https.createServer({ key, cert, minVersion: 'TLSv1' });",
    "import https from 'node:https';\nexport const server = https.createServer({ key, cert, minVersion: 'TLSv1.2', secureProtocol: 'TLSv1_2_method' });",
  ],
  [
    'scrypt with a constant salt',
    'insecure-crypto:CWE-760',
    "import { scryptSync } from 'node:crypto';\nexport const hashPassword = (password: string) => scryptSync(password, 'app-salt', 64).toString('hex');",
    "import { randomBytes, scryptSync } from 'node:crypto';\nexport const hashPassword = (password: string, salt = randomBytes(16)) => scryptSync(password, salt, 64).toString('hex');",
  ],
  // ---- hard-coded credentials
  [
    'database password literal',
    'hardcoded-credentials:CWE-798',
    "import mysql from 'mysql2';\nexport const pool = mysql.createPool({ host: 'db', user: 'app', password: 'Tr0ub4dor&3x', database: 'shop' });",
    "import mysql from 'mysql2';\nexport const pool = mysql.createPool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD, database: 'shop' });",
  ],
  [
    'session secret literal',
    'hardcoded-credentials:CWE-798',
    "import session from 'express-session';\napp.use(session({ secret: 'keyboard-cat-42x', resave: false }));",
    "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));",
  ],
  [
    'a password checked against a literal',
    'hardcoded-credentials:CWE-798',
    express(
      "if (req.body.user === 'support' && req.body.password === 'Sup3rSecret!') req.session.admin = true;\nres.end();",
    ),
    express(
      'if (await bcrypt.compare(req.body.password, user.hash)) req.session.admin = true;\nres.end();',
    ),
  ],
  [
    "Sequelize's positional password",
    'hardcoded-credentials:CWE-798',
    "import { Sequelize } from 'sequelize';\nexport const db = new Sequelize('shop', 'shop_app', 'pr0d-Passw0rd', { dialect: 'postgres' });",
    "import { Sequelize } from 'sequelize';\nexport const db = new Sequelize('shop', 'shop_app', process.env.DB_PASSWORD, { dialect: 'postgres' });",
  ],
];

describe('security gate: the spec, item by item', () => {
  it.each(cases)('%s', (_what, expected, unsafe, safe, file) => {
    expect(found(unsafe, file)).toContain(expected);
    const [rule] = expected.split(':');
    expect(found(safe, file).filter((f) => f.startsWith(`${rule}:`))).toEqual([]);
  });
});

describe('calls into code of the same file', () => {
  it("does not take a local service's find() for a Mongo query", () => {
    const code = [
      "import { Controller, Get, Injectable, Query } from '@nestjs/common';",
      '@Injectable()',
      'export class TagsService {',
      '  private readonly tags = new Map<string, string[]>();',
      '  find(prefix: string) {',
      '    return [...this.tags.keys()].filter((t) => t.startsWith(prefix));',
      '  }',
      '}',
      "@Controller('tags')",
      'export class TagsController {',
      '  constructor(private readonly tags: TagsService) {}',
      '  @Get() list(@Query() query: { prefix: string }) {',
      '    return this.tags.find(query.prefix);',
      '  }',
      '}',
    ].join('\n');
    expect(found(code)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Findings as `rule:line` for one file. */
const found = (code: string, file = 'app.js'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.line}`);

const lines = (...ls: string[]): string => ls.join('\n');

describe('path traversal is reported where the path is built', () => {
  const head = "const path = require('path');\nconst fs = require('fs');";
  it('path.join with request input on its own line', () => {
    const code = lines(
      head,
      "app.get('/f', (req, res) => {",
      "  const p = path.join(__dirname, 'files', req.query.name);",
      '  fs.readFile(p, (e, d) => res.send(d));',
      '});',
    );
    expect(found(code)).toEqual(['path-traversal:4']);
  });
  it('a join checked with startsWith afterwards is left to the guarded sink', () => {
    const code = lines(
      head,
      "app.post('/f', (req, res) => {",
      "  const base = '/srv';",
      '  const full = path.resolve(base, req.body.path);',
      '  if (!full.startsWith(base)) return res.status(403).end();',
      '  res.send(fs.readFileSync(full));',
      '});',
    );
    expect(found(code)).toEqual([]);
  });
  it("a caller's argument, through a helper call and a member, into path.resolve", () => {
    const code = lines(
      "const pth = require('path');",
      'module.exports = { extract(entry, target) {',
      '  const item = lookup(entry);',
      '  const name = item.name;',
      '  const out = pth.resolve(target, name);',
      '  return write(out);',
      '} };',
    );
    expect(found(code)).toEqual(['path-traversal:4']); // from `name`, just above (ADR 0045)
  });
  it('basename() and a global ".." strip are sanitizers', () => {
    const code = lines(
      head,
      'function read(name) {',
      "  return fs.readFileSync(path.join('/srv', path.basename(name)));",
      '}',
      "app.get('/c', (req, res) => {",
      "  const name = req.query.name.replace(/\\.\\./g, '');",
      "  res.send(fs.readFileSync(path.join('/srv', name)));",
      '});',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('prototype pollution in merge and path-setter helpers', () => {
  it('reports the traversal step of a path setter, not a read-only getter', () => {
    const code = lines(
      'function setPath(obj, path, value) {',
      "  const keys = path.split('.');",
      '  let cur = obj;',
      '  for (let i = 0; i < keys.length - 1; i++) {',
      '    if (!cur[keys[i]]) cur[keys[i]] = {};',
      '    cur = cur[keys[i]];',
      '  }',
      '  cur[keys[keys.length - 1]] = value;',
      '}',
      'function getPath(obj, path) {',
      '  let cur = obj;',
      "  for (const k of path.split('.')) cur = cur[k];",
      '  return cur;',
      '}',
    );
    expect(found(code)).toEqual(['prototype-pollution:6']);
  });
  it('a step inside forEach of a method, and the chained `o = o[k] = o[k] || {}` form', () => {
    const code = lines(
      'class Config {',
      '  set(name, value) {',
      '    let config = this.config;',
      "    name.split('.').forEach((item, index, all) => {",
      '      if (index === all.length - 1) config[item] = value;',
      '      else config = config[item];',
      '    });',
      '  }',
      '}',
      'function setDeep(target, keys, v) {',
      '  let o = target;',
      '  while (keys.length > 1) {',
      '    const k = keys.shift();',
      '    o = o[k] = o[k] || {};',
      '  }',
      '  o[keys[0]] = v;',
      '}',
    );
    expect(found(code)).toEqual(['prototype-pollution:6', 'prototype-pollution:14']);
  });
  it("a recursive merge: the source's own-property check does not guard, the target's does", () => {
    const code = lines(
      'function merge(dst, src) {',
      '  for (const key in src) {',
      '    if (!src.hasOwnProperty(key)) continue;',
      "    if (typeof src[key] === 'object') merge(dst[key], src[key]);",
      '    else dst[key] = src[key];',
      '  }',
      '}',
      'function ownMerge(dst, src) {',
      '  for (const key in src) {',
      '    if (Object.prototype.hasOwnProperty.call(dst, key)) dst[key] = src[key];',
      '    else ownMerge(dst[key], src[key]);',
      '  }',
      '}',
      'function safeMerge(dst, src) {',
      '  for (const key of Object.keys(src)) {',
      "    if (key === '__proto__' || key === 'constructor') continue;",
      "    if (typeof src[key] === 'object') safeMerge(dst[key], src[key]);",
      '    else dst[key] = src[key];',
      '  }',
      '}',
    );
    expect(found(code)).toEqual(['prototype-pollution:5']);
  });
});

describe('SSRF sinks and sources', () => {
  it('PhantomJS pages and wkhtmltoimage load request input', () => {
    const code = lines(
      "const phantom = require('phantom');",
      "const wkhtmltoimage = require('wkhtmltoimage');",
      "app.get('/p', async (req, res) => {",
      '  const page = await (await phantom.create()).createPage();',
      '  await page.open(req.query.url);',
      "  await page.property('content', req.body.html);",
      "  await page.property('viewportSize', { width: 1 });",
      "  await page.open('https://example.com/');",
      '  wkhtmltoimage.generate(req.query.url, {});',
      '});',
    );
    expect(found(code)).toEqual(['ssrf:5', 'ssrf:6', 'ssrf:9']);
  });
  it('GraphQL resolver arguments are client input', () => {
    const code = lines(
      "import axios from 'axios';",
      'export const resolvers = {',
      '  Query: {',
      '    page: async (_parent, args) => (await axios.get(args.url)).data,',
      "    dog: async (_parent, { name }) => axios.get('https://dog.example/api/' + name),",
      '    proxy(_parent, { target }) { return fetch(target); },',
      '  },',
      '};',
    );
    expect(found(code, 'schema.ts')).toEqual(['ssrf:4', 'ssrf:6']);
  });
});

describe('hard-coded signing keys, wherever the key goes', () => {
  it('jwt-simple, jose, cookie-parser, cookie-session and passport-jwt keys', () => {
    const code = lines(
      "const jwtSimple = require('jwt-simple');",
      "const { JWK, JWT } = require('jose');",
      "const cookieParser = require('cookie-parser');",
      "const cookieSession = require('cookie-session');",
      "app.use(cookieParser('c00kie-s1gning'));",
      "app.use(cookieSession({ name: 's', keys: ['k3y-one-aa', 'k3y-two-bb'] }));",
      "new Strategy({ secretOrKey: 'sup3r-s3cret' }, verify);",
      "jwtSimple.encode({ a: 1 }, 'hs-s3cret-value');",
      "const key = JWK.asKey(Buffer.from('jose-s3cret-val'));",
      "JWT.sign({ a: 1 }, key, { algorithm: 'HS256' });",
      'jwtSimple.encode({ a: 1 }, process.env.JWT_SECRET);',
      "app.use(cookieSession({ name: 's', keys: [process.env.K1] }));",
    );
    expect(found(code)).toEqual([
      'hardcoded-credentials:5',
      'hardcoded-credentials:6',
      'hardcoded-credentials:7',
      'hardcoded-credentials:8',
      'hardcoded-credentials:10',
    ]);
  });
});

describe('XSS through wrappers and component inputs', () => {
  it('jqLite (angular.element) and $-named jQuery objects are HTML sinks; unescape() is no sanitizer', () => {
    const code = lines(
      'const a = unescape(window.location.href);',
      "angular.element('div').html(a);",
      "const $list = $('#list');",
      "$list.append('<li>' + location.hash + '</li>');",
      "angular.element('div').text(a);",
      "angular.element('div').html(escape(a));",
    );
    expect(found(code)).toEqual(['xss:1', 'xss:4']);
  });
  it('class component props and a markup object held in a variable', () => {
    const code = lines(
      "import React from 'react';",
      'class C extends React.Component {',
      '  render() { return <div dangerouslySetInnerHTML={{ __html: this.props.html }} />; }',
      '}',
      'function D(props) {',
      '  const markup = { __html: props.content };',
      '  return <div dangerouslySetInnerHTML={markup} />;',
      '}',
      'function E() {',
      "  const markup = { __html: '<b>static</b>' };",
      '  return <div dangerouslySetInnerHTML={markup} />;',
      '}',
    );
    expect(found(code, 'c.jsx')).toEqual(['xss:3', 'xss:7']);
  });
  it('Handlebars.SafeString of a non-constant value', () => {
    const code = lines(
      "const Handlebars = require('handlebars');",
      "Handlebars.registerHelper('b', (v) => new Handlebars.SafeString('<b>' + v + '</b>'));",
      "Handlebars.registerHelper('c', () => new Handlebars.SafeString('<hr>'));",
      "Handlebars.registerHelper('d', (v) => new Handlebars.SafeString(Handlebars.escapeExpression(v)));",
    );
    expect(found(code)).toEqual(['xss:2']);
  });
});

describe('call sites of different lengths', () => {
  it('keep every argument position: a later, longer call still taints the parameter', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      'function run(label, cmd) { exec(cmd); }',
      "run('x');",
      "app.get('/', (req, res) => run('y', req.query.c));",
      "run('z');",
    );
    expect(found(code)).toEqual(['command-injection:2']);
  });
});

describe('more sinks', () => {
  it("execa's command() and koa-send's send(ctx, path)", () => {
    const code = lines(
      "import { command } from 'execa';",
      "import send from 'koa-send';",
      "router.get('/r', async (ctx) => { await command('convert ' + ctx.query.f); });",
      "router.get('/s', async (ctx) => { await send(ctx, ctx.query.file); });",
      "router.get('/t', async (ctx) => { await send(ctx, ctx.query.file, { root: '/srv' }); });",
    );
    expect(found(code, 'r.ts')).toEqual(['command-injection:3', 'path-traversal:4']);
  });
});

describe('path setters by reduce() and by recursion', () => {
  it('reports the step that creates nested objects, not a counting reduce', () => {
    const code = lines(
      'function set(obj, path, value) {',
      "  const keys = path.split('.');",
      '  const last = keys.pop();',
      '  const target = keys.reduce((o, k) => (o[k] = o[k] || {}), obj);',
      '  target[last] = value;',
      '}',
      'function setValue(obj, key, value) {',
      "  const rest = key.split('.');",
      '  const e = rest.shift();',
      "  if (rest.length > 0) setValue(obj[e] || (obj[e] = {}), rest.join('.'), value);",
      '  else obj[e] = value;',
      '}',
      'function count(words) {',
      '  return words.reduce((acc, w) => { acc[w] = (acc[w] || 0) + 1; return acc; }, {});',
      '}',
    );
    expect(found(code)).toEqual(['prototype-pollution:4', 'prototype-pollution:11']);
  });
});

describe('markup assembled from input', () => {
  it('an array of markup and input joined into HTML, reported where it is joined', () => {
    const code = lines(
      "const cookies = document.cookie.split(';');",
      "let html = ['<li>', cookies[0], '</li>'].join('');",
      "const fixed = ['<b>', 'static', '</b>'].join('');",
      "const words = [location.hash, 'x'].join(' ');",
      "el.innerHTML = ['<i>', location.hash, '</i>'].join('');",
    );
    expect(found(code)).toEqual(['xss:2', 'xss:5']);
  });
});

describe('template engines with escaping turned off', () => {
  it('Handlebars noEscape, an identity Mustache.escape, and $.parseHTML of a non-constant', () => {
    const code = lines(
      "const Handlebars = require('handlebars');",
      "const Mustache = require('mustache');",
      'const raw = Handlebars.compile(source, { noEscape: true });',
      'const safe = Handlebars.compile(source, { strict: true });',
      'Mustache.escape = function (text) { return text; };',
      "Mustache.escape = (text) => String(text).replace(/</g, '&lt;');",
      'function show(msg) { return $.parseHTML(msg); }',
      "const fixed = $.parseHTML('<b>x</b>');",
    );
    expect(found(code)).toEqual(['xss:3', 'xss:5', 'xss:7']);
  });
});

describe('copying every key of input', () => {
  it('for…in over the request body into an object; an allow-list own-check guards it', () => {
    const code = lines(
      "app.put('/a', (req, res) => {",
      '  const profile = load(req.user.id);',
      '  for (const field in req.body) profile[field] = req.body[field];',
      '});',
      "app.put('/b', (req, res) => {",
      '  const profile = {};',
      '  for (const field of Object.keys(req.body)) {',
      '    if (!Object.prototype.hasOwnProperty.call(allowed, field)) continue;',
      '    profile[field] = req.body[field];',
      '  }',
      '});',
      "app.put('/c', (req, res) => {",
      '  const profile = {};',
      '  for (const field in req.body) {',
      '    if (!req.body.hasOwnProperty(field)) continue;',
      '    profile[field] = req.body[field];',
      '  }',
      '});',
    );
    expect(found(code)).toEqual(['prototype-pollution:3', 'prototype-pollution:16']);
  });
});

describe('server-side template injection', () => {
  it('input as the template source of ejs, pug, Handlebars, nunjucks, lodash; not as data', () => {
    const code = lines(
      "const ejs = require('ejs');",
      "const pug = require('pug');",
      "const _ = require('lodash');",
      "app.post('/t', (req, res) => {",
      '  res.send(ejs.render(req.body.template, { user: req.user }));',
      "  res.send(ejs.render('<p><%= name %></p>', { name: req.body.name }));",
      '  pug.compile(req.query.tpl);',
      '  _.template(req.body.t)();',
      "  res.render('index', { q: req.query.q });",
      '});',
    );
    expect(found(code)).toEqual([
      'template-injection:5',
      'template-injection:7',
      'template-injection:8',
    ]);
  });
});

describe('files that ship with the app', () => {
  it('fs.readFile of a constant path hands its callback app content, not input', () => {
    const code = lines(
      "const fs = require('fs');",
      "const { exec } = require('child_process');",
      "fs.readFile('scripts/setup.sh', (err, buf) => exec(buf.toString()));",
      'fs.readFile(process.argv[2], (err, buf) => exec(buf.toString()));',
    );
    expect(found(code)).toEqual(['command-injection:4']);
  });
});

describe('more HTTP clients', () => {
  it('request-promise, urllib, wreck, http2 and follow-redirects take URLs', () => {
    const code = lines(
      "const rp = require('request-promise');",
      "const urllib = require('urllib');",
      "const Wreck = require('@hapi/wreck');",
      "const http2 = require('http2');",
      "app.get('/x', async (req, res) => {",
      '  await rp({ uri: req.query.url, json: true });',
      '  await urllib.request(req.query.url);',
      '  await Wreck.get(req.query.url);',
      '  http2.connect(req.query.origin);',
      "  await urllib.request('https://api.example.com/items/' + encodeURIComponent(req.query.id));",
      '});',
    );
    expect(found(code)).toEqual(['ssrf:6', 'ssrf:7', 'ssrf:8', 'ssrf:9']);
  });
});

describe('AngularJS services injected by name', () => {
  it('$routeParams and $location read the URL; $window.location is a redirect sink', () => {
    const code = lines(
      "angular.module('app').controller('C', function ($scope, $location, $routeParams, $window, $sce) {",
      '  $scope.html = $sce.trustAsHtml($routeParams.msg);',
      "  document.getElementById('x').innerHTML = $location.search().q;",
      '  $window.location.href = $location.hash();',
      "  $scope.ok = $sce.trustAsHtml('<b>ok</b>');",
      '});',
    );
    expect(found(code)).toEqual(['xss:2', 'xss:3', 'open-redirect:4']);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Findings as `line:rule`, for code in an Express handler file. */
const found = (code: string): string[] =>
  analyzeSource('app.js', code).map((f) => `${String(f.line)}:${f.rule}`);

const lines = (...ls: string[]): string => ls.join('\n');
const head =
  "const app = require('express')();\nconst fs = require('fs');\nconst path = require('path');";

describe('guards count only for the attacks they stop', () => {
  it("a '..' check keeps a file path in its directory", () => {
    const code = lines(
      head,
      "app.get('/doc', (req, res) => {",
      '  const file = req.query.file;',
      "  if (file.includes('..')) return res.sendStatus(400);",
      "  fs.readFile('/srv/docs/' + file, (err, data) => res.end(data));",
      '});',
    );
    expect(found(code)).toEqual([]);
  });

  it("a '..' check leaves the same value unsafe in markup and SQL", () => {
    const code = lines(
      head,
      "app.get('/doc', (req, res) => {",
      '  const file = req.query.file;',
      "  if (file.indexOf('..') !== -1) return res.sendStatus(400);",
      '  db.query("SELECT body FROM docs WHERE name = \'" + file + "\'");',
      "  res.send('<h2>' + file + '</h2>');",
      '});',
    );
    expect(found(code)).toEqual(['7:sql-injection', '8:xss']);
  });

  it('a traversal regex protects the path, not the page that echoes it', () => {
    const code = lines(
      head,
      "app.get('/img', (req, res) => {",
      '  const name = req.params.name;',
      '  if (/\\.\\./.test(name)) return res.sendStatus(403);',
      "  fs.createReadStream(path.join('/srv/img', name)).pipe(res);",
      "  res.write('<img alt=\"' + name + '\">');",
      '});',
    );
    expect(found(code)).toEqual(['8:xss']);
  });

  it("a '..' check is no key guard for a dotted-path setter", () => {
    const setter = (guard: string): string =>
      lines(
        head,
        "app.post('/prefs', (req, res) => {",
        '  const dotted = req.body.key;',
        guard,
        "  const keys = dotted.split('.');",
        '  let node = settings;',
        '  for (let i = 0; i < keys.length - 1; i++) node = node[keys[i]];',
        '  node[keys[keys.length - 1]] = req.body.value;',
        '});',
      );
    expect(found(setter("  if (dotted.includes('..')) return res.sendStatus(400);"))).toEqual([
      '9:prototype-pollution',
    ]);
    expect(
      found(setter("  if (dotted.includes('__proto__')) return res.sendStatus(400);")),
    ).toEqual([]);
  });

  it('a full validation still protects every sink', () => {
    const code = lines(
      head,
      "app.get('/doc', (req, res) => {",
      '  const file = req.query.file;',
      '  if (!/^[a-z0-9-]+$/.test(file)) return res.sendStatus(400);',
      "  fs.readFile('/srv/docs/' + file, () => {});",
      "  res.send('<h2>' + file + '</h2>');",
      '});',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('URL checks protect where a request or a link goes, not what it carries', () => {
  it('a fixed-host prefix lets the request go, but not into a SQL string', () => {
    const code = lines(
      head,
      "app.get('/proxy', async (req, res) => {",
      '  const target = req.query.target;',
      "  if (!target.startsWith('https://status.example.org/')) return res.sendStatus(400);",
      '  await fetch(target);',
      '  db.query("INSERT INTO audit (url) VALUES (\'" + target + "\')");',
      '});',
    );
    expect(found(code)).toEqual(['8:sql-injection']);
  });

  it('a same-site path check allows the redirect, not the page that prints it', () => {
    const code = lines(
      head,
      "app.get('/login', (req, res) => {",
      '  const next = req.query.next;',
      "  if (!next.startsWith('/') || next.startsWith('//')) return res.sendStatus(400);",
      "  res.setHeader('Refresh', '0');",
      '  res.redirect(next);',
      "  res.write('<a href=\"' + next + '\">continue</a>');",
      '});',
    );
    expect(found(code)).toEqual(['9:xss']);
  });
});

describe('an imported validator checks what its name says', () => {
  it('isSafePath protects the file read, not the SQL query', () => {
    const code = lines(
      head,
      "const { isSafePath } = require('./checks');",
      "app.get('/raw', (req, res) => {",
      '  const rel = req.query.rel;',
      '  if (!isSafePath(rel)) return res.sendStatus(400);',
      "  fs.readFile(path.join('/srv/raw', rel), () => {});",
      '  db.query("SELECT * FROM files WHERE rel = \'" + rel + "\'");',
      '});',
    );
    expect(found(code)).toEqual(['9:sql-injection']);
  });

  it('a validator that names no target still protects every sink', () => {
    const code = lines(
      head,
      "const { isValidSlug } = require('./checks');",
      "app.get('/raw', (req, res) => {",
      '  const slug = req.query.slug;',
      '  if (!isValidSlug(slug)) return res.sendStatus(400);',
      "  fs.readFile(path.join('/srv/raw', slug), () => {});",
      '  db.query("SELECT * FROM files WHERE slug = \'" + slug + "\'");',
      '});',
    );
    expect(found(code)).toEqual([]);
  });
});

describe('sanitizers count only for the sinks they make safe', () => {
  it('path.basename keeps a file name in its directory, not out of the page', () => {
    const code = lines(
      head,
      "app.get('/dl', (req, res) => {",
      '  const name = path.basename(req.query.name);',
      "  fs.readFile(path.join('/srv/dl', name), () => {});",
      "  res.send('<p>Sent ' + name + '</p>');",
      '});',
    );
    expect(found(code)).toEqual(['7:xss']);
  });

  it('HTML escaping protects the page, not a SQL string', () => {
    const code = lines(
      head,
      "const escapeHtml = require('escape-html');",
      "app.get('/q', (req, res) => {",
      '  const term = escapeHtml(req.query.term);',
      "  res.send('<p>' + term + '</p>');",
      '  db.query("SELECT * FROM notes WHERE body LIKE \'%" + term + "%\'");',
      '});',
    );
    expect(found(code)).toEqual(['8:sql-injection']);
  });

  it('encodeURIComponent protects a link and a request, not a quoted SQL value or a path', () => {
    const code = lines(
      head,
      "app.get('/share', async (req, res) => {",
      '  const tag = encodeURIComponent(req.query.tag);',
      "  res.send('<a href=\"/tags/' + tag + '\">tag</a>');",
      "  await fetch('https://api.example.org/tags/' + tag);",
      '  db.query("SELECT * FROM tags WHERE name = \'" + tag + "\'");',
      "  fs.readFile('/srv/tags/' + tag, () => {});",
      '});',
    );
    expect(found(code)).toEqual(['8:sql-injection', '9:path-traversal']);
  });

  it('an entity-escaping replace protects markup, not a shell command', () => {
    const code = lines(
      head,
      "const { exec } = require('child_process');",
      "app.get('/t', (req, res) => {",
      "  const text = req.query.t.replace(/</g, '&lt;');",
      "  res.send('<p>' + text + '</p>');",
      "  exec('banner ' + text);",
      '});',
    );
    expect(found(code)).toEqual(['8:command-injection']);
  });

  it('the sinks added by the recall audit read the same classes', () => {
    const code = lines(
      head,
      "const WebSocket = require('ws');",
      "const { htmlSafe } = require('@ember/template');",
      "const escapeHtml = require('escape-html');",
      "app.get('/relay', (req, res) => {",
      '  const target = req.query.target;',
      "  if (!target.startsWith('wss://relay.example.com/')) return res.sendStatus(400);",
      '  new WebSocket(target);',
      '  res.json({ note: htmlSafe(escapeHtml(req.query.note)) });',
      '  res.json({ name: htmlSafe(path.basename(req.query.note)) });',
      '});',
    );
    // the pinned host and HTML escaping hold; a `..`-free name is still markup
    expect(found(code)).toEqual(['12:xss']);
  });
});

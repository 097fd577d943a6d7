import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

const traversal = (code: string): number[] =>
  analyzeSource('app.js', code)
    .filter((f) => f.rule === 'path-traversal')
    .map((f) => f.line);

const lines = (...ls: string[]): string => ls.join('\n');

describe('path traversal: res.sendFile / res.download with a root', () => {
  const head = "const app = require('express')();\nconst path = require('path');";
  it('an options constant with root, as the Express docs write it, confines the path', () => {
    const code = lines(
      head,
      "app.get('/f/:name', (req, res) => {",
      "  const options = { root: path.join(__dirname, 'public'), dotfiles: 'deny' };",
      '  res.sendFile(req.params.name, options);',
      '});',
    );
    expect(traversal(code)).toEqual([]);
  });

  it('options without root do not', () => {
    const code = lines(
      head,
      "app.get('/f/:name', (req, res) => {",
      "  const options = { dotfiles: 'deny' };",
      '  res.sendFile(req.params.name, options);',
      '});',
    );
    expect(traversal(code)).toEqual([5]);
  });

  it("res.download's options come after the file name it suggests", () => {
    const code = lines(
      head,
      "app.get('/d/:name', (req, res) => {",
      "  res.download(req.params.name, 'report.txt', { root: '/srv/reports' });",
      "  res.download(req.params.name, 'report.txt');",
      '});',
    );
    expect(traversal(code)).toEqual([5]);
  });

  it('options the gate cannot read may set root; a callback or no options do not', () => {
    const code = lines(
      head,
      'function serve(options) {',
      '  return (req, res) => res.sendFile(req.params.name, options);',
      '}',
      "app.get('/a/:name', serve({ root: '/srv' }));",
      "app.get('/b/:name', (req, res) => res.sendFile(req.params.name, loadOptions()));",
      "app.get('/c/:name', (req, res) => res.sendFile(req.query.name, (err) => err && res.end()));",
      "app.get('/d/:name', (req, res) => res.sendFile(req.query.name, undefined));",
    );
    expect(traversal(code)).toEqual([8, 9]);
  });
});

describe("path traversal: a caller's value checked before it is joined", () => {
  const head = "const fs = require('fs');\nconst path = require('path');";
  it('is not reported when an if that leaves the function rejects traversal first', () => {
    const code = lines(
      head,
      'function load(name) {',
      "  if (name.includes('..')) throw new Error('bad name');",
      "  return fs.readFileSync(path.join('/data', name));",
      '}',
      'function save(entry, body) {',
      '  if (!/^[\\w.-]+$/.test(entry.name)) return;',
      "  const target = path.join('/data', entry.name);",
      '  fs.writeFileSync(target, body);',
      '}',
    );
    expect(traversal(code)).toEqual([]);
  });

  it('is reported when the check does not leave the function or tests another value', () => {
    const code = lines(
      head,
      'function load(name, other) {',
      "  if (name.includes('..')) console.warn('odd name');",
      "  if (other.includes('..')) return null;",
      "  return fs.readFileSync(path.join('/data', name));",
      '}',
    );
    expect(traversal(code)).toEqual([6]);
  });
});

describe("path traversal: a caller's path read relative to the working directory", () => {
  const head = "const fs = require('fs');\nconst path = require('path');";
  it('is not reported against cwd, reported against another base, and input stays reported', () => {
    const code = lines(
      head,
      'function load(file, options) {',
      '  const a = path.resolve(process.cwd(), file);',
      '  const b = path.resolve(options.cwd, file);',
      "  const c = path.resolve('/srv/data', file);",
      '  return [a, b, c];',
      '}',
      "app.get('/f', (req, res) => {",
      '  const p = path.resolve(process.cwd(), req.query.f);',
      '  res.send(fs.readFileSync(p));',
      '});',
    );
    expect(traversal(code)).toEqual([6, 10]);
  });
});

describe('path traversal: a normalized path stripped of its leading ".." segments', () => {
  const route = (clean: string): string =>
    lines(
      "const path = require('path');",
      "app.get('/f', (req, res) => {",
      `  const p = ${clean};`,
      "  res.sendFile(path.join('/srv/files', p));",
      '});',
    );
  it('is contained after path.normalize, not without it', () => {
    const strip = ".replace(/^(\\.\\.(\\/|\\\\|$))+/, '')";
    expect(traversal(route(`path.normalize(req.query.p)${strip}`))).toEqual([]);
    expect(traversal(route(`req.query.p${strip}`))).toEqual([3]);
  });
});

describe('path traversal: a join kept in a local object and then read', () => {
  it('is reported once, where the path is joined', () => {
    const code = lines(
      "const fs = require('fs');",
      "const path = require('path');",
      "app.get('/f', (req, res) => {",
      "  const file = { path: path.join('/srv/files', req.query.name), type: 'text' };",
      '  res.send(fs.readFileSync(file.path));',
      '});',
    );
    expect(traversal(code)).toEqual([4]);
  });
});

import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Prototype-pollution findings as `line:severity`. */
const pp = (code: string, file = 'app.js'): string[] =>
  ruleFindings('prototype-pollution', code, file);

describe('prototype pollution: where a computed-key write lands', () => {
  it('a clone into an object it made is not reported; a merge into its argument is', () => {
    const clone = lines(
      'function clone(src) {',
      '  const out = {};',
      "  for (const k in src) out[k] = typeof src[k] === 'object' ? clone(src[k]) : src[k];",
      '  return out;',
      '}',
    );
    const merge = lines(
      'function merge(out, src) {',
      "  for (const k in src) out[k] = typeof src[k] === 'object' ? merge(out[k] || {}, src[k]) : src[k];",
      '  return out;',
      '}',
    );
    expect(pp(clone)).toEqual([]);
    expect(pp(merge)).toEqual(['2:medium']);
  });

  it('a reduce seeded with {} that returns its accumulator builds a fresh object', () => {
    const code = lines(
      'function lower(row) {',
      '  return Object.keys(row).reduce((acc, k) => {',
      "    acc[k.toLowerCase()] = typeof row[k] === 'object' ? lower(row[k]) : row[k];",
      '    return acc;',
      '  }, {});',
      '}',
    );
    expect(pp(code)).toEqual([]);
  });

  it("writing an object's own keys back into it is not reported", () => {
    const code = lines(
      'function freeze(o) {',
      '  const names = Object.getOwnPropertyNames(o);',
      '  for (const n of names) {',
      "    o[n] = o[n] && typeof o[n] === 'object' ? freeze(o[n]) : o[n];",
      '  }',
      '  return Object.freeze(o);',
      '}',
    );
    expect(pp(code)).toEqual([]);
  });

  it('reports the copy of a merge, not the creation of the nested object it descends into', () => {
    const code = lines(
      'function mergeDeep(target, source) {',
      '  for (const [key, val] of Object.entries(source)) {',
      "    if (val && typeof val === 'object') {",
      '      target[key] = target[key] || {};',
      '      mergeDeep(target[key], val);',
      '    } else {',
      '      target[key] = val;',
      '    }',
      '  }',
      '}',
    );
    expect(pp(code)).toEqual(['7:medium']);
  });
});

describe('prototype pollution: a merge without recursion', () => {
  it('queues the nested pair on a stack and copies into it later; a flat copy is not a merge', () => {
    const code = lines(
      'function merge(target, source) {',
      '  const stack = [[target, source]];',
      '  while (stack.length) {',
      '    const [t, s] = stack.pop();',
      '    for (const k in s) {',
      "      if (s[k] && typeof s[k] === 'object') stack.push([(t[k] = t[k] || {}), s[k]]);",
      '      else t[k] = s[k];',
      '    }',
      '  }',
      '}',
      'function assign(t, s) {',
      '  for (const k in s) t[k] = s[k];',
      '}',
    );
    expect(pp(code)).toEqual(['7:medium']);
  });
});

describe('prototype pollution: which function calls itself', () => {
  it('merges assigned to exports.x or A.prototype.x recurse through exports.x / this.x', () => {
    const code = lines(
      'exports.merge = function (t, s) {',
      "  for (const k in s) typeof s[k] === 'object' ? exports.merge(t[k], s[k]) : (t[k] = s[k]);",
      '};',
      'Config.prototype.extend = function (t, s) {',
      "  Object.keys(s).forEach((k) => (typeof s[k] === 'object' ? this.extend(t[k], s[k]) : (t[k] = s[k])));",
      '};',
    );
    expect(pp(code)).toEqual(['2:medium', '5:medium']);
  });

  it("a method calling another object's method of the same name does not recurse", () => {
    const code = lines(
      'Store.prototype.set = function (version, value) {',
      "  const [major, minor] = version.split('.');",
      '  this.minors[major] = minor;',
      '  this.map.set(version, value);',
      '};',
    );
    expect(pp(code)).toEqual([]);
  });
});

describe('prototype pollution: objects picked by a computed key', () => {
  const head = "const app = require('express')();\nconst sections = {};";
  it('Object.assign into sections[input] is high; known fields into a constant key are not reported', () => {
    const unsafe = `${head}\napp.post('/c/:s', (req, res) => { Object.assign(sections[req.params.s], req.body); res.end(); });`;
    const safe = `${head}\napp.post('/c', (req, res) => { Object.assign(sections['main'], { title: String(req.body.title) }); res.end(); });`;
    expect(pp(unsafe)).toEqual(['3:high']);
    expect(pp(safe)).toEqual([]);
  });

  it("a helper copying every key of its argument one level down: into the argument's target, not a fresh one", () => {
    const code = lines(
      'function mergeSections(target, source) {',
      '  for (const s in source) Object.assign(target[s], source[s]);',
      '}',
      'function mergeTwo(target, source) {',
      '  for (const a of Object.keys(source))',
      '    for (const b of Object.keys(source[a])) target[a][b] = source[a][b];',
      '}',
      'function fresh(source) {',
      '  const out = {};',
      '  for (const a in source) Object.assign(out[a], source[a]);',
      '  return out;',
      '}',
      'function inPlace(grid, v) {',
      '  for (const row in grid) grid[row][0] = v;',
      '}',
    );
    expect(pp(code)).toEqual(['2:medium', '6:medium']);
  });

  it('every key of the request body copied in a forEach callback or an entries loop is high', () => {
    const code = lines(
      head,
      "app.post('/u', (req, res) => {",
      '  const user = sections[req.session.id];',
      '  Object.keys(req.body).forEach((k) => { user[k] = req.body[k]; });',
      '  for (const [k] of Object.entries(req.body)) user[k] = req.body[k];',
      '  for (const [k] of Object.entries(req.body)) req.body[k] = String(req.body[k]);',
      '});',
    );
    expect(pp(code)).toEqual(['5:high', '6:high']);
  });

  it('a guarded key is not reported', () => {
    const code = lines(
      head,
      "app.post('/c/:s', (req, res) => {",
      "  if (req.params.s === '__proto__') return res.end();",
      '  Object.assign(sections[req.params.s], req.body);',
      '});',
    );
    expect(pp(code)).toEqual([]);
  });

  it("o[a][b] = v with both keys from a library function's caller is low", () => {
    const code = lines(
      'class Registry {',
      '  add(ns, name, value) {',
      '    this.store[ns][name] = value;',
      '  }',
      '  mark(ns) {',
      "    this.store[ns]['seen'] = true;",
      '  }',
      '}',
      'function fill(grid) {',
      '  grid.forEach((row, i) => row.forEach((_, j) => { grid[i][j] = 0; }));',
      '}',
    );
    expect(pp(code)).toEqual(['3:low']);
  });

  it('t = o[a]; t[b] = v with keys from the caller is low; with constant keys it is not reported', () => {
    const code = lines(
      'function add(todos, id, name, text) {',
      '  const items = todos[id];',
      '  items[name] = text;',
      '}',
      'function fixed(todos, text) {',
      "  const items = todos['list'];",
      "  items['first'] = text;",
      '}',
    );
    expect(pp(code)).toEqual(['3:low']);
  });
});

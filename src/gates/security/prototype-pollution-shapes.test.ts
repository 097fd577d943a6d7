import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Prototype-pollution findings as `line:severity`. */
const pp = (code: string, file = 'app.js'): string[] =>
  ruleFindings('prototype-pollution', code, file);

const express = "const app = require('express')();";

describe('prototype pollution: merges whose key loop binds a declared variable', () => {
  it('for (name in src) over a `var name` declared earlier is a key loop; a guarded one is not reported', () => {
    const merge = (guard: string): string =>
      lines(
        'function extend() {',
        '  var target = arguments[0] || {}, src, name, val;',
        '  for (var i = 1; i < arguments.length; i++) {',
        '    src = arguments[i];',
        '    for (name in src) {',
        guard,
        '      val = src[name];',
        "      if (val && typeof val === 'object') target[name] = extend(target[name] || {}, val);",
        '      else target[name] = val;',
        '    }',
        '  }',
        '  return target;',
        '}',
      );
    expect(pp(merge(''))).toEqual(['9:medium']);
    expect(
      pp(merge("      if (name === '__proto__' || name === 'constructor') continue;")),
    ).toEqual([]);
  });
});

describe('prototype pollution: a merge split into a key loop and a helper that recurses through it', () => {
  const split = (guard: string): string =>
    lines(
      'function setKey(target, key, value) {',
      "  if (value && typeof value === 'object') {",
      '    target[key] = target[key] || {};',
      '    mergeAll(target[key], value);',
      '  } else target[key] = value;',
      '}',
      'function mergeAll(target, source) {',
      '  for (const key in source) {',
      '    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;',
      guard,
      '    setKey(target, key, source[key]);',
      '  }',
      '  return target;',
      '}',
    );

  it('the copy in the helper is reported; an own check on the source is no guard', () => {
    expect(pp(split(''))).toEqual(['5:medium']);
  });

  it('a key guard in the loop covers the helper', () => {
    expect(pp(split("    if (key === '__proto__' || key === 'constructor') continue;"))).toEqual(
      [],
    );
  });

  it('a helper whose caller does not loop over keys, or that does not descend, is not a merge', () => {
    const code = lines(
      'function put(target, key, value) {',
      '  target[key] = value;',
      '  audit(target[key]);',
      '}',
      'function audit(entry) {',
      '  log.push(entry);',
      '  put(history, String(log.length), entry);',
      '}',
      'function setAll(target, source) {',
      '  for (const k in source) assign(target, k, source[k]);',
      '}',
      'function assign(target, k, v) {',
      '  target[k] = v;',
      '}',
    );
    expect(pp(code)).toEqual([]);
  });
});

describe('prototype pollution: every key of input copied through entries or Object.assign', () => {
  it('the value of an entries pair copied under its key is high; a converted value is not a copy', () => {
    const code = lines(
      express,
      "app.post('/p', (req, res) => {",
      '  const account = accounts.get(req.session.uid);',
      '  Object.entries(req.body).forEach(([field, v]) => { account[field] = v; });',
      '  for (const [field, v] of Object.entries(req.body)) account[field] = v;',
      '  for (const [field, v] of Object.entries(req.body)) account[field] = String(v).trim();',
      '  res.end();',
      '});',
    );
    expect(pp(code)).toEqual(['4:high', '5:high']);
  });

  it('Object.assign from parsed input is high; a spread, known fields or constants are not reported', () => {
    const code = lines(
      express,
      "app.post('/a', (req, res) => {",
      '  const account = accounts.get(req.session.uid);',
      '  Object.assign(account, req.body);',
      '  Object.assign(account, JSON.parse(req.body.patch));',
      '  const copy = { ...req.body };',
      '  Object.assign(account, { name: String(req.body.name) });',
      "  Object.assign(account, { plan: 'free' });",
      '  res.json(copy);',
      '});',
    );
    expect(pp(code)).toEqual(['3:high', '5:high']);
  });

  it('an own-property check on the input itself is no guard for Object.assign', () => {
    const code = lines(
      express,
      "app.post('/a', (req, res) => {",
      "  if (!Object.hasOwn(req.body, 'name')) return res.sendStatus(400);",
      '  Object.assign(accounts.get(req.session.uid), req.body);',
      '  res.end();',
      '});',
    );
    expect(pp(code)).toEqual(['4:high']);
  });

  it('Object.assign of input in a function that rejects "__proto__" is not reported', () => {
    const code = lines(
      express,
      "app.post('/a', (req, res) => {",
      "  if (Object.keys(req.body).includes('__proto__')) return res.sendStatus(400);",
      '  Object.assign(accounts.get(req.session.uid), req.body);',
      '  res.end();',
      '});',
    );
    expect(pp(code)).toEqual([]);
  });
});

describe('prototype pollution: zipObjectDeep takes its paths first', () => {
  it('paths from input are high; input values under constant paths are not reported', () => {
    const code = lines(
      "const _ = require('lodash');",
      express,
      "app.post('/z', (req, res) => {",
      '  const a = _.zipObjectDeep(req.body.paths, [1, 2]);',
      "  const b = _.zipObjectDeep(['user.name', 'user.mail'], req.body.values);",
      '  res.json({ a, b });',
      '});',
    );
    expect(pp(code)).toEqual(['4:high']);
  });
});

describe('prototype pollution: a path walked by reduce', () => {
  it('a walk whose result is written into, in place or in a caller, is reported on the walk', () => {
    const code = lines(
      'function assignPath(obj, path, value) {',
      "  const keys = path.split('.');",
      '  const last = keys.pop();',
      '  const holder = keys.reduce((o, k) => o[k], obj);',
      '  holder[last] = value;',
      '}',
      'const parentOf = (root, keys) => keys.reduce((o, k) => o[k] || (o[k] = {}), root);',
      'const lookup = (root, keys) => keys.reduce((o, k) => o[k], root);',
      'function put(root, keys, last, v) {',
      '  lookup(root, keys)[last] = v;',
      '}',
    );
    expect(pp(code)).toEqual(['4:medium', '7:medium', '8:medium']);
  });

  it('a read-only walk, a walk over constant keys and a guarded walk are not reported', () => {
    const code = lines(
      'function read(obj, path) {',
      "  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);",
      '}',
      'function enable(cfg) {',
      "  const node = ['server', 'http'].reduce((o, k) => o[k], cfg);",
      '  node.enabled = true;',
      '}',
      'function assignPath(obj, keys, last, value) {',
      "  if (keys.some((k) => k === '__proto__' || k === 'constructor')) return;",
      '  keys.reduce((o, k) => o[k], obj)[last] = value;',
      '}',
    );
    expect(pp(code)).toEqual([]);
  });
});

describe('prototype pollution: a path walked at the top level of a script', () => {
  it('a loop outside any function that steps and writes is reported; a read-only one is not', () => {
    const code = lines(
      'const tree = {};',
      "const parts = process.argv[2].split('.');",
      'let node = tree;',
      'for (const p of parts.slice(0, -1)) node = node[p] = node[p] || {};',
      'node[parts[parts.length - 1]] = process.argv[3];',
      'let seen = tree;',
      'for (const p of parts) seen = seen[p];',
      'console.log(seen);',
    );
    expect(pp(code)).toEqual(['4:medium']);
  });
});

describe('prototype pollution: guards written as text tests', () => {
  const setter = (guard: string): string =>
    lines(
      'const FORBIDDEN = /^(__proto__|constructor|prototype)$/;',
      'function setPath(obj, path, value) {',
      guard,
      "  const keys = path.split('.');",
      '  let cur = obj;',
      '  for (const k of keys.slice(0, -1)) cur = cur[k] = cur[k] || {};',
      '  cur[keys[keys.length - 1]] = value;',
      '}',
    );

  it('a path or key searched for "__proto__", matched by a regex naming it, or looked up in Object.prototype', () => {
    expect(pp(setter("  if (path.includes('__proto__')) throw new Error('bad path');"))).toEqual(
      [],
    );
    expect(pp(setter("  if (path.indexOf('constructor') >= 0) return;"))).toEqual([]);
    expect(pp(setter("  if (path.split('.').some((k) => FORBIDDEN.test(k))) return;"))).toEqual([]);
    expect(pp(setter("  if (path.split('.').some((k) => k in Object.prototype)) return;"))).toEqual(
      [],
    );
  });

  it('a test for some other text is no guard', () => {
    expect(pp(setter("  if (path.endsWith('.')) return;"))).toEqual(['6:medium']);
    expect(pp(setter('  if (/^\\d+$/.test(path)) return;'))).toEqual(['6:medium']);
    expect(pp(setter('  if (path in { a: 1 }) return;'))).toEqual(['6:medium']);
  });
});

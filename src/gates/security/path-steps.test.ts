import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Prototype-pollution findings as `line:severity`. */
const pp = (code: string, file = 'app.js'): string[] =>
  ruleFindings('prototype-pollution', code, file);

describe('prototype pollution: path setters', () => {
  it('a recursive setter that descends into target[key] without splitting a string', () => {
    const code = lines(
      'function setDeep(obj, keys, value) {',
      '  if (keys.length === 1) {',
      '    obj[keys[0]] = value;',
      '    return;',
      '  }',
      '  if (!obj[keys[0]]) obj[keys[0]] = {};',
      '  setDeep(obj[keys[0]], keys.slice(1), value);',
      '}',
    );
    expect(pp(code)).toEqual(['3:medium']);
  });

  it('steps through a conditional, a logical assignment or a variable read from cur[key]', () => {
    const code = lines(
      'function a(root, parts, v) {',
      '  let n = root;',
      "  for (const p of parts) n = typeof n[p] === 'object' ? n[p] : (n[p] = {});",
      '  n.value = v;',
      '}',
      'function b(root, parts, v) {',
      '  let n = root;',
      '  for (const p of parts) n = n[p] ??= {};',
      '  Object.assign(n, v);',
      '}',
      'function c(root, parts, v) {',
      '  let n = root;',
      '  for (const p of parts) {',
      '    const next = n[p];',
      '    n = next;',
      '  }',
      '  n.value = v;',
      '}',
    );
    expect(pp(code)).toEqual(['3:medium', '8:medium', '15:medium']);
  });

  it('steps through a variable assigned cur[key] in the loop; writes through an alias, delete or a helper', () => {
    const code = lines(
      'function deepSet(obj, parts, value) {',
      '  var i, tmp;',
      '  for (i = 0; i < parts.length; i++) {',
      '    tmp = obj[parts[i]];',
      '    if (i === parts.length - 1) obj[parts[i]] = value;',
      '    else if (tmp === undefined) tmp = obj[parts[i]] = {};',
      '    obj = tmp;',
      '  }',
      '}',
      'function put(root, keys, value) {',
      '  let parent = root;',
      '  let node = root;',
      '  for (const k of keys) {',
      '    parent = node;',
      '    node = node[k] || {};',
      '  }',
      '  parent[keys[keys.length - 1]] = value;',
      '}',
      'function unset(obj, parts, last) {',
      '  for (const p of parts) obj = obj[p];',
      '  delete obj[last];',
      '}',
      'function setProp(target, prop, value) { target[prop] = value; }',
      'function set(obj, keys, last, value) {',
      '  for (const k of keys) obj = obj[k];',
      '  setProp(obj, last, value);',
      '}',
    );
    expect(pp(code)).toEqual(['7:medium', '15:medium', '20:medium', '25:medium']);
  });

  it('a walk handed back to a caller of the file that writes into it', () => {
    const code = lines(
      'function parentOf(obj, parts) {',
      '  let cur = obj;',
      '  for (const p of parts) cur = cur[p];',
      '  return cur;',
      '}',
      'function set(obj, parts, last, value) {',
      '  const parent = parentOf(obj, parts);',
      '  parent[last] = value;',
      '}',
      'function getIn(obj, parts) {',
      '  let cur = obj;',
      '  for (const p of parts) cur = cur[p];',
      '  return cur;',
      '}',
      'const shown = (o, parts) => String(getIn(o, parts));',
    );
    expect(pp(code)).toEqual(['3:medium']);
  });

  it('a reduce that hands on acc[key] ||= {} walks the path; one returning acc does not', () => {
    const code = lines(
      'function parentOf(root, path) {',
      "  return path.split('.').reduce((o, k) => (o[k] ||= {}), root);",
      '}',
      'function index(list) {',
      '  return list.reduce((m, k) => {',
      '    m[k] = {};',
      '    return m;',
      '  }, {});',
      '}',
    );
    expect(pp(code)).toEqual(['2:medium']);
  });

  it('a path walked in a route handler is high, with the input named', () => {
    const code = lines(
      "const app = require('express')();",
      'const prefs = {};',
      "app.post('/pref', (req, res) => {",
      '  let t = prefs;',
      "  const parts = req.body.path.split('.');",
      '  for (let i = 0; i < parts.length - 1; i++) t = t[parts[i]] = t[parts[i]] || {};',
      '  t[parts[parts.length - 1]] = req.body.value;',
      '  res.end();',
      '});',
    );
    const [f] = analyzeSource('app.js', code).filter((x) => x.rule === 'prototype-pollution');
    expect(f?.line).toBe(6);
    expect(f?.severity).toBe('high');
    expect(f?.message).toMatch(/line 5/);
  });

  it('a read-only walk and a guarded walk are not reported', () => {
    const code = lines(
      'function get(root, parts) {',
      '  let n = root;',
      '  for (const p of parts) n = n[p] ?? {};',
      '  return n;',
      '}',
      'function set(root, parts, v) {',
      '  let n = root;',
      '  for (const p of parts) {',
      "    if (p === '__proto__' || p === 'constructor') return;",
      '    n = n[p] ??= {};',
      '  }',
      '  n.value = v;',
      '}',
    );
    expect(pp(code)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

const evals = (code: string): number[] =>
  analyzeSource('app.js', code)
    .filter((f) => f.rule === 'code-injection')
    .map((f) => f.line);

const handler = (imports: string, body: string): string =>
  `${imports}\nconst app = require('express')();\napp.post('/calc', (req, res) => {\n${body}\n});`;

describe('code injection: eval reached through the global object or an eval package', () => {
  it('global.eval runs its argument like eval', () => {
    expect(evals(handler('', '  res.json(global.eval(req.body.formula));'))).toEqual([4]);
    expect(evals(handler('', "  res.json(global.eval('1 + 2'));"))).toEqual([]);
  });

  it('safe-eval and eval packages run the string they are given', () => {
    const safe = "const runExpr = require('safe-eval');";
    expect(evals(handler(safe, '  res.json(runExpr(req.body.formula, {}));'))).toEqual([4]);
    expect(evals(handler(safe, "  res.json(runExpr('6 * 7', {}));"))).toEqual([]);
    const evalPkg = "const load = require('eval');";
    expect(evals(handler(evalPkg, '  res.json(load(req.body.source));'))).toEqual([4]);
  });

  it('an object of the program that merely has an eval method is not the global one', () => {
    const code = handler(
      'const calc = makeCalculator();',
      '  res.json(calc.eval(req.body.formula));',
    );
    expect(evals(code)).toEqual([]);
  });
});

describe('code injection: a timer given a string-typed parameter', () => {
  const timers = (code: string): string[] =>
    analyzeSource('timers.ts', code)
      .filter((f) => f.rule === 'code-injection')
      .map((f) => `${f.line}:${f.severity}`);

  it('runs its text: setInterval(code) where code is declared `: string`', () => {
    const code = 'export function every(code: string, ms: number) {\n  setInterval(code, ms);\n}';
    expect(timers(code)).toEqual(['2:low']);
  });

  it('a callback parameter, typed or not, runs no text', () => {
    const typed = 'export function later(cb: () => void) {\n  setTimeout(cb, 10);\n}';
    const untyped = 'export function later(cb) {\n  setTimeout(cb, 10);\n}';
    expect(timers(typed)).toEqual([]);
    expect(timers(untyped)).toEqual([]);
  });
});

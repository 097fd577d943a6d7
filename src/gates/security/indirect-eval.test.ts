import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

const evals = (body: string): number[] =>
  analyzeSource(
    'app.js',
    `const app = require('express')();\napp.post('/run', (req, res) => {\n${body}\n});`,
  )
    .filter((f) => f.rule === 'code-injection')
    .map((f) => f.line);

describe('code injection: evaluators reached through Function.prototype, Reflect or constructors', () => {
  it('eval and Function through .call() and .apply() run the input', () => {
    expect(evals('  res.json(eval.call(null, req.body.expr));')).toEqual([3]);
    expect(evals('  res.json(eval.apply(null, [req.body.expr]));')).toEqual([3]);
    expect(evals("  const f = Function.apply(null, ['a', req.body.expr]);")).toEqual([3]);
    expect(evals('  const f = Function.call(null, req.body.expr);')).toEqual([3]);
  });

  it('Reflect.apply(eval, …) and Reflect.construct(Function, …) run the input', () => {
    expect(evals('  Reflect.apply(eval, undefined, [req.query.code]);')).toEqual([3]);
    expect(evals('  const f = Reflect.construct(Function, [req.query.code]);')).toEqual([3]);
  });

  it('the constructor chain reaches Function', () => {
    expect(evals('  [].constructor.constructor(req.body.code)();')).toEqual([3]);
    expect(evals('  Function.prototype.constructor(req.body.code)();')).toEqual([3]);
  });

  it('AsyncFunction and GeneratorFunction, taken from a function, compile strings like Function', () => {
    const alias = (def: string, use: string): number[] =>
      evals(`  const AsyncFunction = ${def};\n  ${use}`);
    const proto = 'Object.getPrototypeOf(async function () {}).constructor';
    expect(alias(proto, "const f = new AsyncFunction('a', req.body.code);")).toEqual([4]);
    expect(alias('(async () => {}).constructor', 'AsyncFunction(req.body.code);')).toEqual([4]);
    expect(alias(proto, "const f = new AsyncFunction('a', 'return a');")).toEqual([]);
    expect(alias('req.body.constructor', 'const o = new AsyncFunction(req.body);')).toEqual([]);
  });

  it('a timer through .call() runs a string, not a callback', () => {
    expect(evals('  setTimeout.call(null, req.body.code, 10);')).toEqual([3]);
    expect(evals('  setTimeout.call(null, () => res.end(), 10);')).toEqual([]);
  });

  it('constants, other functions and other constructors stay quiet', () => {
    expect(evals("  Reflect.apply(eval, undefined, ['1 + 1']);")).toEqual([]);
    expect(evals('  Reflect.apply(Math.max, undefined, [req.query.a, 2]);')).toEqual([]);
    expect(evals('  const copy = new this.constructor(req.body);')).toEqual([]);
    expect(evals('  const s = String.prototype.trim.call(req.body.name);')).toEqual([]);
    expect(evals('  const o = Object.prototype.toString.apply(req.body);')).toEqual([]);
  });
});

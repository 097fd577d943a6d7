import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import { definition, levelOf, severityFor, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * The string evaluators reached without calling them by name: through `Function.prototype`
 * (`eval.call(null, code)`, `Function.apply(null, [code])`), through `Reflect`
 * (`Reflect.apply(eval, undefined, [code])`, `Reflect.construct(Function, [code])`) and through
 * the constructor chain (`x.constructor.constructor(code)` and `Function.prototype.constructor`
 * are `Function`). Each runs its string as code exactly like the direct call.
 */

/** Global evaluators and where their code sits in the argument list. */
const evaluators: Readonly<Record<string, 'first' | 'last'>> = {
  eval: 'first',
  Function: 'last',
  setTimeout: 'first',
  setInterval: 'first',
};
const globalObjects = new Set(['window', 'globalThis', 'global', 'self']);

/** `eval`, `window.eval`, `const e = eval`: the evaluator a value names, if any. */
function evaluatorNamed(expr: ts.Expression): string | undefined {
  const e = definition(unwrap(expr));
  if (ts.isIdentifier(e)) return Object.hasOwn(evaluators, e.text) ? e.text : undefined;
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const name = e.name.text;
  const base = unwrap(e.expression);
  if (Object.hasOwn(evaluators, name) && ts.isIdentifier(base) && globalObjects.has(base.text))
    return name;
  return name === 'constructor' && isFunctionObject(base) ? 'Function' : undefined;
}

/**
 * `Function`, `Function.prototype`, `f.constructor` (any function's constructor is Function), a
 * function expression, and `Object.getPrototypeOf(async function () {})` (whose constructor is
 * AsyncFunction, which compiles its string like Function).
 */
function isFunctionObject(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text === 'Function';
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return true;
  if (ts.isCallExpression(e)) return isPrototypeOfFunction(e);
  if (!ts.isPropertyAccessExpression(e)) return false;
  if (e.name.text === 'prototype') return isFunctionObject(e.expression);
  return e.name.text === 'constructor';
}

function isPrototypeOfFunction(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const arg = call.arguments[0];
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'getPrototypeOf' &&
    /^(Object|Reflect)$/.test(callee.expression.getText()) &&
    arg !== undefined &&
    isFunctionObject(arg)
  );
}

const constructorReads = new WeakMap<ts.SourceFile, boolean>();

/**
 * Whether the file reads a `.constructor` property at all: only then can a plain call name an
 * alias of one, and looking up the definition of every called name cost more than the rest
 * of the rule.
 */
function readsConstructor(file: ts.SourceFile): boolean {
  let reads = constructorReads.get(file);
  if (reads === undefined) {
    reads = /\.\s*constructor\b/.test(file.text);
    constructorReads.set(file, reads);
  }
  return reads;
}

/** `new AsyncFunction(code)` where `const AsyncFunction = (async () => {}).constructor`. */
function constructorAlias(node: ts.CallExpression | ts.NewExpression): IndirectCall | undefined {
  const callee = unwrap(node.expression);
  if (!ts.isIdentifier(callee) || !readsConstructor(node.getSourceFile())) return undefined;
  const def = definition(callee);
  if (def === callee || !ts.isPropertyAccessExpression(def)) return undefined;
  if (def.name.text !== 'constructor' || !isFunctionObject(def.expression)) return undefined;
  const args = node.arguments ?? [];
  return {
    evaluator: 'Function',
    code: args[args.length - 1],
    how: `the constructor alias ${callee.text}`,
  };
}

/** The code argument among `args` (spread from an array literal when `listed`). */
function codeArgument(
  args: readonly ts.Expression[],
  where: 'first' | 'last',
  listed: boolean,
): ts.Expression | undefined {
  if (!listed) return where === 'first' ? args[0] : args[args.length - 1];
  const list = args[0] && unwrap(args[0]);
  if (!list) return undefined;
  if (!ts.isArrayLiteralExpression(list)) return list;
  return where === 'first' ? list.elements[0] : list.elements[list.elements.length - 1];
}

interface IndirectCall {
  evaluator: string;
  code: ts.Expression | undefined;
  how: string;
}

/** What an indirect call runs, or undefined when it is no evaluator call. */
function indirectCall(node: ts.CallExpression | ts.NewExpression): IndirectCall | undefined {
  const callee = unwrap(node.expression);
  const args = node.arguments ?? [];
  if (!ts.isPropertyAccessExpression(callee)) return constructorAlias(node);
  const method = callee.name.text;
  const target = unwrap(callee.expression);
  if (ts.isIdentifier(target) && target.text === 'Reflect') {
    if (method !== 'apply' && method !== 'construct') return undefined;
    const evaluator = args[0] && evaluatorNamed(args[0]);
    if (!evaluator || (method === 'construct' && evaluator !== 'Function')) return undefined;
    const list = args.slice(method === 'apply' ? 2 : 1);
    return {
      evaluator,
      code: codeArgument(list, where(evaluator), true),
      how: `Reflect.${method}`,
    };
  }
  if (method === 'call' || method === 'apply') {
    const evaluator = evaluatorNamed(target);
    if (!evaluator) return undefined;
    const code = codeArgument(args.slice(1), where(evaluator), method === 'apply');
    return { evaluator, code, how: `.${method}()` };
  }
  if (method === 'constructor' && isFunctionObject(target))
    return { evaluator: 'Function', code: args[args.length - 1], how: '.constructor' };
  return undefined;
}

const where = (evaluator: string): 'first' | 'last' => evaluators[evaluator] ?? 'first';

function checkIndirect(node: ts.CallExpression | ts.NewExpression, ctx: RuleContext): void {
  const call = indirectCall(node);
  if (!call?.code) return;
  const code = unwrap(call.code);
  // a timer given a function runs no text
  if (ts.isArrowFunction(code) || ts.isFunctionExpression(code)) return;
  const flow = ctx.flow(code);
  const level = levelOf(flow);
  // timers reached this way are reported for input only: a variable is a callback as often as not
  if (level === 'none' || (level === 'unknown' && call.evaluator.startsWith('set'))) return;
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-95',
    severity: severityFor(level, 'critical', 'high', 'low'),
    message: `${call.evaluator} called through ${call.how} evaluates ${level === 'unknown' ? 'a non-constant string' : `input from ${sourceText(flow)}`} as code.`,
    fix: 'Do not evaluate strings as code, however the evaluator is reached: parse data with JSON.parse or dispatch through a lookup table of allowed functions.',
  });
}

export const indirectEvalRule: SecurityRule = {
  id: 'indirect-eval',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) checkIndirect(node, ctx);
  },
};

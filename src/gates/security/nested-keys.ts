import ts from '../../lib/typescript.cjs';
import { rootName, unwrap } from './ast.js';
import { hasKeyGuard } from './key-guards.js';
import { keysSource } from './key-sources.js';
import { dynamicKey, enclosingFunction, FIX_KEY, reportPollution } from './pp-shapes.js';
import { definition, isParameterValue, isRemote, sourceText } from './rule-kit.js';
import type { Flow, RuleContext } from './types.js';
import { isFreshTarget } from './write-targets.js';

/**
 * Writes into an object picked by a computed key. `o[a][b] = v` or `Object.assign(o[a], v)`
 * with `a = '__proto__'` write into Object.prototype itself, so every object inherits `b`.
 * A single level (`o[k] = v`) only changes `o`'s own prototype and is not reported.
 */

/** The object picked by a key: `o[a]` itself, or a `const t = o[a]` it was read into. */
export function pickedBy(e: ts.Expression): ts.ElementAccessExpression | undefined {
  const base = unwrap(e);
  return dynamicKey(base) ?? (ts.isIdentifier(base) ? dynamicKey(definition(base)) : undefined);
}

const guarded = (node: ts.Node): boolean => hasKeyGuard(enclosingFunction(node));

/**
 * `o[k]` with `k` ranging over the keys of an object this code did not write down (an argument,
 * parsed input): parsed JSON owns a "__proto__" key, and `o['__proto__']` is Object.prototype.
 * The object `o` must not be one the function made (then only its own prototype changes).
 */
function pickedByIteratedKey(picked: ts.ElementAccessExpression, ctx: RuleContext): boolean {
  const src = keysSource(picked.argumentExpression);
  if (!src) return false;
  const from = ctx.flow(src);
  if (from.state === 'constant' || from.state === 'safe') return false;
  const root = rootName(picked.expression);
  // `o[k]` for `k` of `o`'s own keys reads an own property, never the inherited accessor
  if (root !== undefined && root === rootName(src)) return false;
  return root === undefined || !isFreshTarget(root, picked);
}

/** A helper copying every key of its argument one level down (`Object.assign(t[k], s[k])`). */
function reportKeyCopy(node: ts.Node, ctx: RuleContext): void {
  reportPollution(
    node,
    ctx,
    'Every key of an object is copied one level down into target[key]: for the key "__proto__" that is Object.prototype, and every object inherits the copy.',
  );
}

/**
 * `o[a][b] = v` (or through `const t = o[a]`) where a library function's caller names the keys
 * (or input names one): low, like other values a caller passes as is (the caller decides
 * whether they ever come from input).
 */
function checkCallerKeys(
  node: ts.BinaryExpression,
  keys: readonly ts.Expression[],
  ctx: RuleContext,
): void {
  const fromCaller = (k: ts.Expression): boolean => {
    const f = ctx.flow(k);
    return isRemote(f) || (f.state !== 'constant' && f.state !== 'safe' && isParameterValue(k));
  };
  if (!keys.every(fromCaller)) return;
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: 'low',
    message: `Nested property assignment with keys from this function's caller: a caller passing "__proto__" as the first key pollutes every object.`,
    fix: FIX_KEY,
  });
}

/**
 * `o[a][b] = v`, or `const t = o[a]; t[b] = v`, with `a` from input. Directly nested, the inner
 * key from input is enough; through a variable, both keys must be.
 */
export function checkNestedWrite(node: ts.BinaryExpression, ctx: RuleContext): void {
  const outer = dynamicKey(node.left);
  const inner = outer && pickedBy(outer.expression);
  if (!outer || !inner) return;
  const innerFlow = ctx.flow(inner.argumentExpression);
  const keyFlow = ctx.flow(outer.argumentExpression);
  if (keyFlow.state === 'constant' || guarded(node)) return;
  const direct = inner === dynamicKey(unwrap(outer.expression));
  if (!isRemote(innerFlow) || (!direct && !isRemote(keyFlow))) {
    if (pickedByIteratedKey(inner, ctx)) reportKeyCopy(node, ctx);
    else checkCallerKeys(node, [inner.argumentExpression, outer.argumentExpression], ctx);
    return;
  }
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: 'high',
    message: `Nested property assignment with keys from ${sourceText(innerFlow)}: "__proto__" as the first key pollutes every object.`,
    fix: FIX_KEY,
  });
}

const copiers = /^Object\.(assign|defineProperty|defineProperties)$/;
const copierNames = new Set(['assign', 'defineProperty', 'defineProperties']);

/** `Object.assign` and co., written as such (its name is checked before its text is built). */
function isCopier(callee: ts.Expression): boolean {
  const e = unwrap(callee);
  return (
    ts.isPropertyAccessExpression(e) && copierNames.has(e.name.text) && copiers.test(e.getText())
  );
}

/** `Object.assign(o[key], v)` with the key from input: the copy lands in Object.prototype. */
export function checkCopyInto(call: ts.CallExpression, ctx: RuleContext): void {
  const [target, ...values] = call.arguments;
  if (!target || !isCopier(call.expression)) return;
  const picked = pickedBy(target);
  if (!picked) return;
  const key: Flow = ctx.flow(picked.argumentExpression);
  if (values.every((v) => ctx.flow(v).state === 'constant') || guarded(call)) return;
  if (!isRemote(key)) {
    if (pickedByIteratedKey(picked, ctx)) reportKeyCopy(call, ctx);
    return;
  }
  ctx.report(call, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: 'high',
    message: `Properties are copied into an object picked by a key from ${sourceText(key)}: the key "__proto__" picks Object.prototype, and every object inherits the copy.`,
    fix: FIX_KEY,
  });
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, enclosingFunctionName, isFunctionNode, rootName, unwrap } from './ast.js';
import { hasKeyGuard } from './key-guards.js';
import type { RuleContext } from './types.js';

/**
 * Prototype pollution inside the helpers that do it: a recursive merge that copies
 * `target[key] = source[key]` for every key, and a path setter whose loop steps
 * `cur = cur[key]` into nested objects before writing. Reported on the write / the step, unless
 * the function rejects `__proto__`/`constructor`/`prototype` or checks that the key is the
 * target's own (see key-guards.ts).
 */

const callbacks = new Set(['forEach', 'map', 'some', 'every', 'reduce', 'filter', 'find']);
const pathSplit = /\.split\(|\.shift\(\)/;
const keyIterators =
  /\bfor\s*\(\s*(const|let|var)\s+[\w$]+\s+in\b|Object\.(keys|entries|getOwnPropertyNames)\(|Reflect\.ownKeys\(/;

function isCallbackArg(fn: ts.Node): boolean {
  const p = fn.parent;
  return p !== undefined && ts.isCallExpression(p) && p.arguments.includes(fn as ts.Expression);
}

/** The nearest function that is not a callback (`forEach(item => …)` belongs to its caller). */
function ownerFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    if (isCallbackArg(n)) {
      const c = calleeOf(n.parent as ts.CallExpression);
      if (c && callbacks.has(c.name)) continue;
    }
    return n;
  }
  return undefined;
}

/** The node runs once per key: inside a loop or an iterator callback of its function. */
function inLoop(node: ts.Node, owner: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && n !== owner; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return true;
    if (isFunctionNode(n) && isCallbackArg(n)) return true;
  }
  return false;
}

export function dynamicKey(e: ts.Expression): ts.ElementAccessExpression | undefined {
  const u = unwrap(e);
  return ts.isElementAccessExpression(u) &&
    !ts.isStringLiteralLike(u.argumentExpression) &&
    !ts.isNumericLiteral(u.argumentExpression)
    ? u
    : undefined;
}

/** Roots of the objects a function writes with a computed key (`dst` in `dst[key] = …`). */
function dynamicWriteTargets(body: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const d = dynamicKey(n.left);
      const root = d ? rootName(d.expression) : undefined;
      if (root !== undefined) out.add(root);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/** Roots of the objects a function iterates the keys of (`for (k in src)`, `Object.keys(src)`). */
function iteratedRoots(body: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    let obj: ts.Expression | undefined;
    if (ts.isForInStatement(n)) obj = n.expression;
    else if (
      ts.isCallExpression(n) &&
      /^Object\.(keys|entries|getOwnPropertyNames)$/.test(n.expression.getText())
    )
      obj = n.arguments[0];
    const root = obj ? rootName(obj) : undefined;
    if (root !== undefined) out.add(root);
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/** `x[k]` read out of `x = x[k]`, `x = x[k] || {}`, `x = x[k] ?? {}`, `x = x[k] && …`, `x = x[k] = x[k] || {}`. */
function steppedAccess(right: ts.Expression, name: string): ts.ElementAccessExpression | undefined {
  let r = unwrap(right);
  if (ts.isBinaryExpression(r)) {
    const k = r.operatorToken.kind;
    if (k === ts.SyntaxKind.EqualsToken) r = unwrap(r.left);
    else if (
      k === ts.SyntaxKind.BarBarToken ||
      k === ts.SyntaxKind.QuestionQuestionToken ||
      k === ts.SyntaxKind.AmpersandAmpersandToken
    )
      r = unwrap(r.left);
  }
  const d = dynamicKey(r);
  const base = d ? unwrap(d.expression) : undefined;
  return base && ts.isIdentifier(base) && base.text === name ? d : undefined;
}

const report = (node: ts.Node, ctx: RuleContext, message: string): void =>
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: 'medium',
    message,
    fix: "Skip the keys '__proto__', 'constructor' and 'prototype' (or require Object.hasOwn(target, key)), or build the object with Object.create(null) / a Map.",
  });

/** `cur = cur[key]` in a loop of a function that writes `cur[key] = …`: a path setter. */
function checkStep(node: ts.BinaryExpression, ctx: RuleContext): void {
  const left = unwrap(node.left);
  if (!ts.isIdentifier(left)) return;
  const step = steppedAccess(node.right, left.text);
  if (!step) return;
  const key = ctx.flow(step.argumentExpression);
  if (key.state === 'constant' || key.state === 'safe') return;
  const owner = ownerFunction(node);
  if (!owner?.body || !inLoop(node, owner)) return;
  const targets = dynamicWriteTargets(owner.body);
  if (!targets.has(left.text) || hasKeyGuard(owner.body)) return;
  report(
    node,
    ctx,
    `Each step of this loop follows a computed key into a nested object, and the function then writes through it: the key "__proto__" reaches Object.prototype.`,
  );
}

/** `target[key] = source[key]` in a function that calls itself for every key of an object. */
function checkMergeWrite(node: ts.BinaryExpression, ctx: RuleContext): void {
  const write = dynamicKey(node.left);
  if (!write) return;
  const value = unwrap(node.right);
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return;
  const owner = ownerFunction(node);
  const name = owner?.body ? enclosingFunctionName(owner.body) : undefined;
  if (!owner?.body || name === undefined) return;
  // `a[k] = merge(a[k], b[k])` is the recursion; the copy of a plain value is reported.
  if (ts.isCallExpression(value) && calleeOf(value)?.name === name) return;
  const body = owner.body;
  const text = body.getText();
  // A merge copies every key in a loop; a path setter recurses on the rest of a split path.
  const merges = keyIterators.test(text) && inLoop(node, owner);
  if (!merges && !pathSplit.test(text)) return;
  let recursive = false;
  const visit = (n: ts.Node): void => {
    if (recursive) return;
    if (ts.isCallExpression(n) && calleeOf(n)?.name === name) recursive = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  const key = ctx.flow(write.argumentExpression);
  if (!recursive || key.state === 'constant') return;
  if (hasKeyGuard(body, iteratedRoots(body))) return;
  report(
    node,
    ctx,
    `${name}() copies every key of its source recursively, "__proto__" and "constructor" included: merging parsed input pollutes Object.prototype.`,
  );
}

/** `keys.reduce((o, k) => (o[k] = o[k] || {}), obj)`: each step creates and enters `o[k]`. */
function checkReduceStep(node: ts.BinaryExpression, ctx: RuleContext): void {
  const write = dynamicKey(node.left);
  let cb: ts.Node | undefined = node.parent;
  while (cb && !isFunctionNode(cb)) cb = cb.parent;
  if (!write || !cb || !isFunctionNode(cb) || !isCallbackArg(cb)) return;
  if (calleeOf(cb.parent as ts.CallExpression)?.name !== 'reduce') return;
  const [acc, item] = cb.parameters;
  const base = unwrap(write.expression);
  const key = unwrap(write.argumentExpression);
  if (!acc || !item || !ts.isIdentifier(acc.name) || !ts.isIdentifier(item.name)) return;
  if (!ts.isIdentifier(base) || base.text !== acc.name.text) return;
  if (!ts.isIdentifier(key) || key.text !== item.name.text) return;
  if (
    !steppedAccess(node.right, acc.name.text) &&
    !ts.isObjectLiteralExpression(unwrap(node.right))
  )
    return;
  const owner = ownerFunction(cb) ?? cb;
  if (owner.body && hasKeyGuard(owner.body)) return;
  report(
    node,
    ctx,
    'Each step of this reduce() creates and enters a nested object under a computed key: the key "__proto__" reaches Object.prototype.',
  );
}

export function checkMergeFunctions(node: ts.BinaryExpression, ctx: RuleContext): void {
  if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  checkStep(node, ctx);
  checkMergeWrite(node, ctx);
  checkReduceStep(node, ctx);
}

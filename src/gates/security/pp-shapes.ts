import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, unwrap } from './ast.js';
import { parentPastBinaries } from './binary-chain.js';
import { isRemote, sourceText } from './rule-kit.js';
import type { Flow, RuleContext } from './types.js';

/**
 * Shapes the prototype-pollution helpers share: computed-key accesses, the function a write
 * belongs to (iterator callbacks belong to their caller), whether it runs once per key, and the
 * report of a polluting helper.
 */

export const FIX_KEY =
  "Reject the keys '__proto__', 'constructor' and 'prototype' (or check Object.hasOwn on an allow-list), or store data in a Map / Object.create(null).";

/** Steps up past binaries, none of which is a function or a loop: see `parentPastBinaries`. */
const up = parentPastBinaries;

/** The function a node is in (callbacks included), or its file. */
export function enclosingFunction(node: ts.Node): ts.Node {
  let root = node;
  for (let n = up(node); n; n = up(n)) {
    if (isFunctionNode(n)) return n;
    root = n;
  }
  return root;
}

const callbacks = new Set(['forEach', 'map', 'some', 'every', 'reduce', 'filter', 'find']);

export function isCallbackArg(fn: ts.Node): boolean {
  const p = fn.parent;
  return p !== undefined && ts.isCallExpression(p) && p.arguments.includes(fn as ts.Expression);
}

/** The nearest function that is not a callback (`forEach(item => …)` belongs to its caller). */
export function ownerFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = up(node); n; n = up(n)) {
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
export function inLoop(node: ts.Node, owner: ts.Node): boolean {
  for (let n = up(node); n && n !== owner; n = up(n)) {
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

const stores = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** `=`, `||=`, `??=`, `&&=`: the assignments that store a value as is. */
export const isAssignment = (n: ts.Node): n is ts.BinaryExpression =>
  ts.isBinaryExpression(n) && stores.has(n.operatorToken.kind);

/**
 * Reports a polluting helper: medium, or high with the input's line when the key is read from
 * request input (the path a handler walks comes from the client).
 */
export function reportPollution(
  node: ts.Node,
  ctx: RuleContext,
  message: string,
  key?: Flow,
): void {
  const input = isRemote(key);
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: input ? 'high' : 'medium',
    message: input ? `${message} The key comes from ${sourceText(key)}.` : message,
    fix: "Skip the keys '__proto__', 'constructor' and 'prototype' (or require Object.hasOwn(target, key)), or build the object with Object.create(null) / a Map.",
  });
}

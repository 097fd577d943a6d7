import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { keysSource } from './key-sources.js';

/**
 * Where a computed-key write lands, for the prototype-pollution checks. An object this code
 * made (`const out = {}`, a reduce accumulator seeded with `{}`) is never Object.prototype, so
 * `out['__proto__'] = v` changes `out` alone. Writing an object's own keys back into it
 * (`o[k] = f(o[k])` for `k` of `Object.keys(o)`) meets an own property named `__proto__`, never
 * the inherited accessor. Neither pollutes anything but the object itself.
 */

/** `{}`, `[]`, `new X()`, `Object.create(…)`, `Object.assign({}, …)`, or a choice among them. */
export function isFreshObject(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isNewExpression(e))
    return true;
  if (ts.isConditionalExpression(e)) return isFreshObject(e.whenTrue) && isFreshObject(e.whenFalse);
  if (!ts.isCallExpression(e)) return false;
  const callee = e.expression.getText();
  if (callee === 'Object.create') return true;
  return (
    callee === 'Object.assign' && e.arguments[0] !== undefined && isFreshObject(e.arguments[0])
  );
}

/** Any `name = …` (or `name ??= …`) inside `scope`. */
function reassigned(scope: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    const isWrite =
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    if (
      isWrite &&
      ts.isIdentifier(unwrap(n.left)) &&
      (unwrap(n.left) as ts.Identifier).text === name
    )
      found = true;
    return !found;
  };
  walkTree(scope, visit);
  return found;
}

/** Every `return` of a callback (or its expression body) gives back the accumulator itself. */
function returnsOnly(fn: ts.FunctionLikeDeclaration, name: string): boolean {
  const body = fn.body;
  if (!body) return false;
  const isName = (e: ts.Expression | undefined): boolean => {
    const u = e && unwrap(e);
    if (u && ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.CommaToken)
      return isName(u.right);
    return u !== undefined && ts.isIdentifier(u) && u.text === name;
  };
  if (!ts.isBlock(body)) return isName(body);
  let ok = true;
  const visit = (n: ts.Node): boolean => {
    if (!ok || isFunctionNode(n)) return false;
    if (ts.isReturnStatement(n) && !isName(n.expression)) ok = false;
    return ok;
  };
  body.statements.forEach((st) => walkTree(st, visit));
  return ok;
}

/** `arr.reduce((acc, k) => { acc[k] = …; return acc; }, {})`: the accumulator is made here. */
function freshAccumulator(fn: ts.FunctionLikeDeclaration, index: number, name: string): boolean {
  const call = fn.parent;
  if (index !== 0 || !call || !ts.isCallExpression(call) || call.arguments[0] !== fn) return false;
  if (calleeOf(call)?.name !== 'reduce') return false;
  const seed = call.arguments[1];
  return seed !== undefined && isFreshObject(seed) && returnsOnly(fn, name);
}

function declaredIn(statements: readonly ts.Statement[], name: string): ts.Expression | null {
  for (const st of statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations)
      if (ts.isIdentifier(d.name) && d.name.text === name) return d.initializer ?? null;
  }
  return null;
}

/** The object named `name` at `at` is one this code made, and the name is never rebound. */
export function isFreshTarget(name: string, at: ts.Node): boolean {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (isFunctionNode(n)) {
      const i = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (i >= 0) return freshAccumulator(n, i, name) && !reassigned(n, name);
    }
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    const init = declaredIn(n.statements, name);
    if (init) return isFreshObject(init) && !reassigned(n, name);
  }
  return false;
}

/** The write's object is the one whose keys are iterated: `o[k] = f(o[k])` over `Object.keys(o)`. */
export function writesBackOwnKeys(write: ts.ElementAccessExpression, scope: ts.Node): boolean {
  const target = unwrap(write.expression);
  const src = keysSource(write.argumentExpression);
  if (!src || !ts.isIdentifier(target) || reassigned(scope, target.text)) return false;
  const from = unwrap(src);
  return ts.isIdentifier(from) && from.text === target.text;
}

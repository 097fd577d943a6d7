import ts from '../../lib/typescript.cjs';
import { walkTree } from './binary-chain.js';

/**
 * The claims `jwt.decode()` returns feed a decision: the call sits in a condition
 * (`if (jwt.decode(t).admin)`), or its result is held in a variable — whole or destructured,
 * through `await` and member reads (`const { role } = jwt.decode(t)`) — that a later condition
 * of the same function reads (`if (claims.admin)`, `role === 'admin' ? … : …`, `ok && grant()`).
 */
export function decidesOnClaims(call: ts.CallExpression): boolean {
  if (inCondition(call)) return true;
  const names = boundNames(call);
  if (names.size === 0) return false;
  const fn = enclosingBody(call);
  let found = false;
  walkTree(fn, (n) => {
    if (found || n.pos < call.end) return !found;
    if (ts.isIdentifier(n) && names.has(n.text) && inCondition(n)) found = true;
    return !found;
  });
  return found;
}

/** The node is (part of) the test of an `if`, a `?:`, a loop, or the left side of `&&`/`||`. */
function inCondition(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) || ts.isWhileStatement(p)) return p.expression === n;
    if (ts.isConditionalExpression(p) && p.condition === n) return true;
    if (
      ts.isBinaryExpression(p) &&
      p.left === n &&
      (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
        p.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
      ts.isExpressionStatement(p.parent)
    )
      return true;
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** Names a declaration binds from the call's result (`const c = …`, `const { a, b } = …`). */
function boundNames(call: ts.CallExpression): Set<string> {
  const names = new Set<string>();
  let n: ts.Node = call;
  while (
    ts.isAwaitExpression(n.parent) ||
    ts.isParenthesizedExpression(n.parent) ||
    (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) ||
    ts.isAsExpression(n.parent) ||
    ts.isNonNullExpression(n.parent)
  )
    n = n.parent;
  const decl = n.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== n) return names;
  const collect = (b: ts.BindingName): void => {
    if (ts.isIdentifier(b)) names.add(b.text);
    else for (const el of b.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
  };
  collect(decl.name);
  return names;
}

function enclosingBody(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return node.getSourceFile();
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { definition } from './rule-kit.js';

/**
 * A URL chosen by a scheme check: `url.startsWith('https://') ? url : '#'`,
 * `/^https?:\/\//.test(url) ? url : undefined`, `!url.startsWith('/') ? '/' : url`. The value
 * that reaches the attribute starts with a fixed scheme or path, so it is no `javascript:` URL.
 */

/** Literal prefixes that fix the scheme (or make the URL relative to the page). */
const safePrefix = /^(https?:|mailto:|tel:|\/|#|\.\/)/i;
/** Regex sources anchored on such a scheme: `/^https?:\/\//`, `/^(https?|mailto):/i`. */
const safePattern = /^\/\^\(?(https\??|https?\\?:|\(?https?\|mailto|\\\/|#)/i;

/** `cond` holds only when `name` starts with a safe scheme or path (a conjunct of it suffices). */
function provesScheme(cond: ts.Expression, name: string): boolean {
  const c = unwrap(cond);
  if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
    return provesScheme(c.left, name) || provesScheme(c.right, name);
  if (ts.isBinaryExpression(c)) return comparesProtocol(c, name);
  if (!ts.isCallExpression(c)) return false;
  const callee = calleeOf(c);
  const [arg] = c.arguments;
  if (!callee?.receiver || !arg) return false;
  const a = unwrap(arg);
  if (callee.name === 'startsWith')
    return (
      unwrap(callee.receiver).getText() === name &&
      ts.isStringLiteralLike(a) &&
      safePrefix.test(a.text)
    );
  const re = unwrap(callee.receiver);
  return (
    callee.name === 'test' &&
    ts.isRegularExpressionLiteral(re) &&
    safePattern.test(re.text) &&
    a.getText() === name
  );
}

/** The value (or the conditional it was assigned from) is picked by a scheme check. */
export function schemeChecked(value: ts.Expression): boolean {
  let e = unwrap(value);
  if (ts.isIdentifier(e)) e = unwrap(definition(e));
  if (!ts.isConditionalExpression(e)) return false;
  let cond = unwrap(e.condition);
  let [kept, other] = [unwrap(e.whenTrue), unwrap(e.whenFalse)];
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) {
    cond = unwrap(cond.operand);
    [kept, other] = [other, kept];
  }
  const fixed =
    ts.isStringLiteralLike(other) ||
    (other.kind === ts.SyntaxKind.Identifier && other.getText() === 'undefined');
  return fixed && provesScheme(cond, kept.getText());
}

/** `new URL(name).protocol === 'https:'` (either side; `==` too). */
function comparesProtocol(c: ts.BinaryExpression, name: string): boolean {
  const op = c.operatorToken.kind;
  const equal =
    op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  return equal && protocolIs(c.left, c.right, name);
}

/** One side is `new URL(name).protocol`, the other a safe scheme literal. */
function protocolIs(left: ts.Expression, right: ts.Expression, name: string): boolean {
  const [l, r] = [unwrap(left), unwrap(right)];
  const [lit, other] = ts.isStringLiteralLike(l) ? [l, r] : [r, l];
  if (!ts.isStringLiteralLike(lit) || !safePrefix.test(lit.text)) return false;
  if (!ts.isPropertyAccessExpression(other) || other.name.text !== 'protocol') return false;
  const url = unwrap(other.expression);
  const arg = ts.isNewExpression(url) ? url.arguments?.[0] : undefined;
  return arg !== undefined && unwrap(arg).getText() === name;
}

/** `!cond` of a scheme check, or `new URL(name).protocol !== 'https:'`. */
function refutesScheme(cond: ts.Expression, name: string): boolean {
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken)
    return provesScheme(cond.operand, name);
  if (!ts.isBinaryExpression(cond)) return false;
  const op = cond.operatorToken.kind;
  if (
    op !== ts.SyntaxKind.ExclamationEqualsEqualsToken &&
    op !== ts.SyntaxKind.ExclamationEqualsToken
  )
    return false;
  return protocolIs(cond.left, cond.right, name);
}

/** An `if (!cond) return;` (or throw) among the statements before `at` in its block. */
function exitsUnless(at: ts.Statement, name: string): boolean {
  const block = at.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block)) return false;
  for (const st of block.statements) {
    if (st === at) return false;
    if (!ts.isIfStatement(st) || st.elseStatement) continue;
    const exits = /^\{?\s*(return|throw)\b/.test(st.thenStatement.getText());
    if (exits && refutesScheme(unwrap(st.expression), name)) return true;
  }
  return false;
}

/**
 * The URL given to `node` (a call in statement position) passed a scheme check first: an
 * enclosing `if (url.startsWith('https:'))`, `if (new URL(url).protocol === 'https:')`, or an
 * earlier `if (!…) return;`. The check is read on the expression's text (`details.url`).
 */
export function schemeGuarded(node: ts.Node, url: ts.Expression): boolean {
  const name = unwrap(url).getText();
  for (let n: ts.Node = node; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.thenStatement === n && provesScheme(p.expression, name))
      return true;
    if (ts.isStatement(n) && exitsUnless(n, name)) return true;
  }
  return false;
}

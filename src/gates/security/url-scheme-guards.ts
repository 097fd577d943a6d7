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

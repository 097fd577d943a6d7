import ts from 'typescript';
import { calleeOf, chainKey, unwrap } from './ast.js';
import type { CheckKind } from './scope.js';

export interface Check {
  key: string;
  kind: CheckKind;
}

const memberChecks = new Set(['startsWith', 'endsWith', 'match', 'localeCompare']);
const listChecks = new Set(['includes', 'has', 'indexOf', 'some', 'find', 'findIndex']);
const notValidators = /^(is|has)(empty|nil|null|undefined|array|object|string|function|nan)$/i;
const validatorName = /^(is|has)[A-Z_]|valid|allow|permit|safe|check|verify|whitelist/;

function isLiteral(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isStringLiteralLike(u) || ts.isNumericLiteral(u) || ts.isRegularExpressionLiteral(u);
}

function isNullish(e: ts.Expression): boolean {
  const u = unwrap(e);
  return u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined');
}

/** Chain keys a checked expression stands for (`new URL(u).hostname` → `u`). */
export function subjectKeys(expr: ts.Expression): string[] {
  const e = unwrap(expr);
  const key = chainKey(e);
  if (key !== undefined) {
    const m = /^(.*)\.(hostname|host|origin|protocol)$/.exec(key);
    return m?.[1] && m[2] !== 'protocol' ? [key, m[1]] : [key];
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    return subjectKeys(e.expression);
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const out: string[] = [];
    for (const a of e.arguments ?? []) out.push(...subjectKeys(a));
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      out.push(...subjectKeys(e.expression.expression));
    }
    return out;
  }
  return [];
}

/** `allowed.some((p) => target.startsWith(p))` checks `target` (not the callback's own parameters). */
function callbackChecks(fn: ts.ArrowFunction | ts.FunctionExpression): Check[] {
  const params = new Set(fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')));
  let body: ts.Expression | undefined;
  if (ts.isBlock(fn.body)) {
    const ret = fn.body.statements.find(ts.isReturnStatement);
    body = ret?.expression;
  } else body = fn.body;
  if (!body) return [];
  return conditionChecks(body).filter((c) => !params.has(c.key.split('.')[0] ?? ''));
}

function callChecks(call: ts.CallExpression): Check[] {
  const c = calleeOf(call);
  if (!c) return [];
  const args = call.arguments;
  const full = (exprs: readonly ts.Expression[]): Check[] =>
    exprs.flatMap((x) => subjectKeys(x).map((key) => ({ key, kind: 'full' as const })));
  if (c.receiver && listChecks.has(c.name) && args[0]) {
    if (ts.isArrowFunction(args[0]) || ts.isFunctionExpression(args[0]))
      return callbackChecks(args[0]);
    return isLiteral(args[0]) ? full([c.receiver]) : full([args[0]]);
  }
  if (c.receiver && memberChecks.has(c.name)) return full([c.receiver]);
  if (c.receiver && (c.name === 'test' || c.name === 'exec') && args[0]) return full([args[0]]);
  if (c.name === 'isArray')
    return args[0] ? subjectKeys(args[0]).map((key) => ({ key, kind: 'type' })) : [];
  if (c.name === 'hasOwnProperty' || c.name === 'hasOwn') return full(args.slice(-1));
  if (!notValidators.test(c.name) && validatorName.test(c.name)) return full(args);
  return [];
}

function binaryChecks(b: ts.BinaryExpression): Check[] {
  const op = b.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
    return [...conditionChecks(b.left), ...conditionChecks(b.right)];
  }
  if (op === ts.SyntaxKind.InKeyword) {
    return subjectKeys(b.left).map((key) => ({ key, kind: 'full' }));
  }
  const eq =
    op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    op === ts.SyntaxKind.EqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!eq) return conditionChecks(b.left);
  for (const [a, other] of [
    [b.left, b.right],
    [b.right, b.left],
  ] as const) {
    const u = unwrap(a);
    if (ts.isTypeOfExpression(u))
      return subjectKeys(u.expression).map((key) => ({ key, kind: 'type' }));
    if (isLiteral(other) && !isNullish(other)) {
      return subjectKeys(a).map((key) => ({ key, kind: 'full' }));
    }
    const keys = subjectKeys(a);
    if (!isNullish(other) && keys.length > 1 && /\.(origin|host|hostname)$/.test(keys[0] ?? '')) {
      return keys.map((key) => ({ key, kind: 'full' })); // url.origin === location.origin
    }
  }
  return [...conditionChecks(b.left), ...conditionChecks(b.right)];
}

/** Values a condition validates (allow-lists, prefix checks, validators, comparisons to literals). */
export function conditionChecks(cond: ts.Expression): Check[] {
  const e = unwrap(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    return conditionChecks(e.operand);
  }
  if (ts.isCallExpression(e)) return callChecks(e);
  if (ts.isBinaryExpression(e)) return binaryChecks(e);
  return [];
}

/** True when a condition is a negation (`!ok(x)`, `x !== 'a'`), so its else-branch is guarded. */
export function isNegated(cond: ts.Expression): boolean {
  const e = unwrap(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken
    )
      return true;
    if (op === ts.SyntaxKind.BarBarToken) return isNegated(e.left);
    if (
      (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.LessThanToken) &&
      ts.isPrefixUnaryExpression(unwrap(e.right))
    )
      return true; // indexOf(x) === -1
  }
  return false;
}

/** True when a statement never falls through (return, throw, continue, break, process.exit). */
export function exits(st: ts.Statement): boolean {
  if (
    ts.isReturnStatement(st) ||
    ts.isThrowStatement(st) ||
    ts.isContinueStatement(st) ||
    ts.isBreakStatement(st)
  )
    return true;
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return last !== undefined && exits(last);
  }
  if (ts.isIfStatement(st))
    return st.elseStatement !== undefined && exits(st.thenStatement) && exits(st.elseStatement);
  if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression)) {
    const c = calleeOf(st.expression);
    return c?.path === 'process.exit';
  }
  return false;
}

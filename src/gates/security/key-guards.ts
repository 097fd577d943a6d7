import ts from '../../lib/typescript.cjs';
import { rootName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { definition } from './rule-kit.js';

/**
 * Whether a function rejects the keys that reach `Object.prototype`, read from its syntax tree:
 * a comparison or `switch` against '__proto__' / 'constructor' / 'prototype', a deny-list of those
 * keys (`BLOCKED.includes(key)`, `new Set([...]).has(key)`), an own-property check
 * (`Object.hasOwn`, `hasOwnProperty`), a null-prototype target (`Object.create(null)`), or a call
 * to a function of the same file that does one of these.
 */

const dangerousKeys = new Set(['__proto__', 'constructor', 'prototype']);
const comparisons = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);
const lookups = new Set(['includes', 'has', 'indexOf']);
const ownChecks = new Set(['hasOwn', 'hasOwnProperty', 'propertyIsEnumerable']);
const textSearches = new Set(['includes', 'indexOf', 'startsWith', 'endsWith', 'match', 'search']);
const dangerousPattern = /__proto__|constructor|prototype/;

const isDangerousLiteral = (n: ts.Node): boolean =>
  ts.isStringLiteralLike(n) && dangerousKeys.has(n.text);

/** An array (or `new Set([...])`) that lists a dangerous key, directly or through a constant. */
function listsDangerousKey(expr: ts.Expression): boolean {
  let e = unwrap(definition(unwrap(expr)));
  if (ts.isNewExpression(e) && e.arguments?.[0]) e = unwrap(definition(unwrap(e.arguments[0])));
  return ts.isArrayLiteralExpression(e) && e.elements.some(isDangerousLiteral);
}

/** Root of the object an own-property check is about: `o.hasOwnProperty(k)`, `Object.hasOwn(o, k)`. */
function ownCheckedObject(
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
): string | undefined {
  const name = callee.name.text;
  if (name === 'call') return call.arguments[0] ? rootName(call.arguments[0]) : undefined;
  if (name === 'hasOwn') return call.arguments[0] ? rootName(call.arguments[0]) : undefined;
  return rootName(callee.expression);
}

/**
 * An own-property check guards unless it asks the object the keys come from:
 * `source.hasOwnProperty('__proto__')` is true for parsed JSON, while the target's or an
 * allow-list's own keys never include it.
 */
function ownCheckGuards(
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  copiedFrom: ReadonlySet<string> | undefined,
): boolean {
  if (!copiedFrom) return true;
  const obj = ownCheckedObject(call, callee);
  return obj === undefined || !copiedFrom.has(obj);
}

/** `k in Object.prototype`, `k in {}`: true for every key an object inherits. */
function inheritedCheck(n: ts.BinaryExpression): boolean {
  if (n.operatorToken.kind !== ts.SyntaxKind.InKeyword) return false;
  const obj = unwrap(n.right);
  return (
    obj.getText() === 'Object.prototype' ||
    (ts.isObjectLiteralExpression(obj) && obj.properties.length === 0)
  );
}

/** A regular expression (directly or through a constant) naming a dangerous key. */
function namesDangerousKey(expr: ts.Expression | undefined): boolean {
  const e = expr && unwrap(definition(unwrap(expr)));
  return e !== undefined && ts.isRegularExpressionLiteral(e) && dangerousPattern.test(e.text);
}

/**
 * A text test for a dangerous key: `path.includes('__proto__')`, `key.startsWith('__proto__')`,
 * `/^(__proto__|constructor)$/.test(key)`, `key.match(FORBIDDEN)`.
 */
function textTest(call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  const name = callee.name.text;
  if (name === 'test' || name === 'exec') return namesDangerousKey(callee.expression);
  if (!textSearches.has(name)) return false;
  const [arg] = call.arguments;
  return arg !== undefined && (isDangerousLiteral(unwrap(arg)) || namesDangerousKey(arg));
}

function isGuardNode(n: ts.Node, copiedFrom?: ReadonlySet<string>): boolean {
  if (ts.isBinaryExpression(n) && comparisons.has(n.operatorToken.kind))
    return isDangerousLiteral(unwrap(n.left)) || isDangerousLiteral(unwrap(n.right));
  if (ts.isBinaryExpression(n)) return inheritedCheck(n);
  if (ts.isCaseClause(n)) return isDangerousLiteral(unwrap(n.expression));
  if (!ts.isCallExpression(n)) return false;
  const callee = unwrap(n.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  if (ownChecks.has(name)) return ownCheckGuards(n, callee, copiedFrom);
  if (textTest(n, callee)) return true;
  if (name === 'call' && ts.isPropertyAccessExpression(unwrap(callee.expression)))
    return (
      ownChecks.has((unwrap(callee.expression) as ts.PropertyAccessExpression).name.text) &&
      ownCheckGuards(n, callee, copiedFrom)
    );
  if (name === 'create' && n.arguments[0]?.kind === ts.SyntaxKind.NullKeyword) return true;
  return lookups.has(name) && listsDangerousKey(callee.expression);
}

/** Top-level functions of the file by name, for following `if (!isSafeKey(k))`. */
export function localFunction(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
  }
  return undefined;
}

/** `hasKeyGuard(body)` per body: rules ask it for each write, and it walks the whole body. */
const guardedBodies = new WeakMap<ts.Node, boolean>();

/**
 * `copiedFrom`: roots of the objects whose keys are copied; an own-property check on one of
 * them is no guard.
 */
export function hasKeyGuard(body: ts.Node, copiedFrom?: ReadonlySet<string>, depth = 0): boolean {
  if (copiedFrom || depth > 0) return findKeyGuard(body, copiedFrom, depth);
  let found = guardedBodies.get(body);
  if (found === undefined) {
    found = findKeyGuard(body, undefined, 0);
    guardedBodies.set(body, found);
  }
  return found;
}

function findKeyGuard(
  body: ts.Node,
  copiedFrom: ReadonlySet<string> | undefined,
  depth: number,
): boolean {
  let found = false;
  const sf = body.getSourceFile();
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    if (isGuardNode(n, copiedFrom)) {
      found = true;
      return false;
    }
    if (depth < 1 && ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const fn = localFunction(sf, n.expression.text);
      if (fn && fn !== body && hasKeyGuard(fn, copiedFrom, depth + 1)) {
        found = true;
        return false;
      }
    }
    return true;
  };
  walkTree(body, visit);
  return found;
}

import ts from '../../lib/typescript.cjs';
import { isFunctionNode, propertyNameText, unwrap } from './ast.js';
import { parentPastBinaries } from './binary-chain.js';
import { definition } from './rule-kit.js';
import { CONSTANT } from './scope.js';
import type { Flow } from './types.js';

/**
 * Members of object literals held in variables: `const o = { code: '1', other: req.body.x }`
 * makes `o.code` the constant, not the whole object's join. Read from the syntax tree: the
 * variable's initializer, when the function never writes a member of it (`o.x = …`, `o[k] = …`,
 * `Object.assign(o, …)`), and the *last* property of the name (a later property or spread
 * overrides an earlier one), looking into spreads of such literals.
 */

/**
 * The object literal an expression is, in place or as a variable's initializer when the function
 * writes no member of the variable (with `keys`: none of those members, nor a computed one).
 */
export function unwrittenLiteral(
  expr: ts.Expression,
  keys?: ReadonlySet<string>,
): ts.ObjectLiteralExpression | undefined {
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const def = definition(e);
  if (!ts.isObjectLiteralExpression(def) || !isConstInitializer(def)) return undefined;
  return membersWritten(e, def, keys) ? undefined : def;
}

/** The initializer of a `const` (a `let` may be given another object later). */
function isConstInitializer(init: ts.Expression): boolean {
  let n: ts.Node = init.parent;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n))
    n = n.parent;
  return (
    ts.isVariableDeclaration(n) &&
    ts.isVariableDeclarationList(n.parent) &&
    (n.parent.flags & ts.NodeFlags.Const) !== 0
  );
}

/** Per enclosing function (or file): name and member pattern → whether members are written. */
const written = new WeakMap<ts.Node, Map<string, boolean>>();

function enclosingFunction(node: ts.Node): ts.Node {
  let last = node;
  for (let n = parentPastBinaries(node); n; n = parentPastBinaries(n)) {
    if (isFunctionNode(n)) return n;
    last = n;
  }
  return last;
}

/**
 * Whether `o` may have its members changed anywhere it is visible: the text of the function that
 * declares it, nested functions included (cached per function).
 */
function membersWritten(
  name: ts.Identifier,
  declaration: ts.Node,
  keys?: ReadonlySet<string>,
): boolean {
  const fn = enclosingFunction(declaration);
  let cache = written.get(fn);
  if (!cache) written.set(fn, (cache = new Map()));
  const member = keys ? `\\.\\s*(${[...keys].join('|')})\\b|\\[` : '\\.|\\[';
  const key = `${name.text}\u0000${member}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = fn.getText();
  const n = name.text.replace(/\$/g, '\\$');
  const at = '(?<![\\w$])';
  const mutators = '(assign|assignIn|merge\\w*|extend|defaults\\w*|set|setWith|definePropert\\w*)';
  // a member assigned, the object handed to a copier (`Object.assign(o, …)`, `_.merge(o, …)`),
  // or a method called on a member (`o.items.push(…)`)
  const re = new RegExp(
    `${at}${n}\\s*(${member})[^=;(]*[^=!<>]=[^=]|${mutators}\\(\\s*${n}\\s*,|${at}${n}(\\.\\w+){2,}\\(`,
  );
  const out = re.test(text);
  cache.set(key, out);
  return out;
}

/**
 * The expression that sets one of `keys` last in an object literal (a spread of anything but an
 * unwritten literal may set it too, and is returned itself), or undefined when none does.
 */
export function lastProperty(
  obj: ts.ObjectLiteralExpression,
  keys: ReadonlySet<string>,
  depth = 0,
): ts.Expression | undefined {
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i];
    if (!p) continue;
    if (ts.isSpreadAssignment(p)) {
      const inner = depth < 3 ? unwrittenLiteral(p.expression) : undefined;
      const found = inner ? lastProperty(inner, keys, depth + 1) : p.expression;
      if (found) return found;
      continue;
    }
    const key = p.name ? propertyNameText(p.name) : undefined;
    if (key === undefined || !keys.has(key)) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
    return undefined; // a method or accessor: a function, not input
  }
  return undefined;
}

/**
 * `o.name` where `o` holds an object literal whose `name` is a constant or sanitized value: that
 * value, not the join of every property (`{ code: '1', other: input }.code` is `'1'`). Only ever
 * narrows a tainted object: a property that may hold input keeps the object's flow.
 */
export function literalMemberFlow(
  e: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  name: string,
  valueOf: (expr: ts.Expression) => Flow,
): Flow | undefined {
  const obj = unwrittenLiteral(e.expression);
  if (!obj) return undefined;
  const prop = lastProperty(obj, new Set([name]));
  if (!prop) return obj.properties.some(isOpaque) ? undefined : CONSTANT;
  const f = valueOf(prop);
  if (f.state === 'safe') return f;
  // a constant now is the value stored then only for literals and `const` names (a `let` may
  // have held input when the object was built)
  return f.state === 'constant' && isFixedValue(prop) ? f : undefined;
}

function isFixedValue(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isStringLiteralLike(u) || ts.isNumericLiteral(u)) return true;
  if (!ts.isIdentifier(u))
    return u.kind === ts.SyntaxKind.TrueKeyword || u.kind === ts.SyntaxKind.FalseKeyword;
  const def = definition(u);
  return def !== u && isConstInitializer(def);
}

/** Members the literal may have without naming them: spreads, computed keys. */
const isOpaque = (p: ts.ObjectLiteralElementLike): boolean =>
  ts.isSpreadAssignment(p) || (p.name !== undefined && ts.isComputedPropertyName(p.name));

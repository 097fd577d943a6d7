import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, receiverName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { definition } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * `path.join` / `path.resolve` as the place a traversal is built: the segment after the base
 * decides where the path points. A join whose result is checked afterwards (`full.startsWith(base)`,
 * `path.relative(base, full)`) is left to the sink, where the engine's guards see the check.
 */

const joiners = new Set(['join', 'resolve']);
const pathReceivers = /^(path|pth|posix|win32|upath|nodePath|pathModule)$/;

export function isPathJoin(call: ts.CallExpression, ctx: RuleContext): boolean {
  const r = ctx.resolveCall(call);
  if (!r || !joiners.has(r.name)) return false;
  if (r.module === 'path') return true;
  return r.receiver !== undefined && pathReceivers.test(receiverName(r.receiver));
}

function enclosingBody(node: ts.Node): ts.Node {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent)
    if (isFunctionNode(n) && n.body) return n.body;
  return node.getSourceFile();
}

/** The variable a join's result is stored in (`const full = path.resolve(…)`, `full = …`). */
function storedIn(call: ts.CallExpression): string | undefined {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAwaitExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.right === n && ts.isIdentifier(p.left)) return p.left.text;
  return undefined;
}

const containment = new Set(['startsWith', 'indexOf', 'includes', 'relative', 'isAbsolute']);

/** The stored result is later compared against its base (prefix check) or normalised away. */
export function isCheckedAfterJoin(call: ts.CallExpression): boolean {
  const name = storedIn(call);
  if (name === undefined) return false;
  let found = false;
  const mentions = (e: ts.Expression | undefined): boolean =>
    e !== undefined && ts.isIdentifier(unwrap(e)) && (unwrap(e) as ts.Identifier).text === name;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    if (ts.isCallExpression(n) && n.pos > call.end) {
      const c = calleeOf(n);
      const guardName = c !== undefined && /inside|within|contain|safe|allowed/i.test(c.name);
      if (c && (containment.has(c.name) || guardName))
        found = mentions(c.receiver) || n.arguments.some((a) => mentions(a));
    }
    return true;
  };
  walkTree(enclosingBody(call), visit);
  return found;
}

/** A condition that rejects traversal: a `..` test, a prefix/absolute check, an allow-list regex. */
const traversalTest = /\.\.|startsWith|isAbsolute|relative|\.test\(|\.match\(|includes\(|indexOf\(/;

function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  return (
    ts.isBlock(s) && s.statements.some((x) => ts.isReturnStatement(x) || ts.isThrowStatement(x))
  );
}

/**
 * A caller's value checked before the join by an `if` that leaves the function
 * (`if (name.includes('..')) throw …`, `if (!/^[\w.-]+$/.test(name)) return`): the engine's
 * guards apply to input it can see, a parameter's check is read here from the statement.
 */
export function isGuardedBeforeJoin(call: ts.CallExpression, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  let found = false;
  walkTree(enclosingBody(call), (n) => {
    if (found || n.pos >= call.pos) return false;
    if (ts.isIfStatement(n) && exits(n.thenStatement)) {
      const cond = n.expression.getText();
      found = traversalTest.test(cond) && names.some((x) => new RegExp(`\\b${x}\\b`).test(cond));
    }
    return !found;
  });
  return found;
}

/** The call sits in the path argument of another call (the sink reports it on its own line). */
export function isNestedInCall(call: ts.CallExpression): boolean {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) return true;
    if (ts.isStatement(p) || isFunctionNode(p)) return false;
  }
  return false;
}

const cleaners = /^(basename|replace|replaceAll|parseInt|Number|sanitize\w*|normalize\w*Name)$/;

/**
 * Whether a value is computed from a parameter of the enclosing function (not a callback's),
 * through variables, members, conditionals, string building and calls that pass it on, without
 * passing through `basename()` or a `replace()`.
 */
export function derivesFromParameter(expr: ts.Expression, depth = 0): boolean {
  if (depth > 5) return false;
  const e = unwrap(expr);
  const next = (x: ts.Expression): boolean => derivesFromParameter(x, depth + 1);
  if (ts.isIdentifier(e)) {
    if (isOwnParameter(e)) return true;
    const def = definition(e);
    return def !== e && next(def);
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
    return next(e.expression);
  if (ts.isConditionalExpression(e)) return next(e.whenTrue) || next(e.whenFalse);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return next(e.left) || next(e.right);
  if (ts.isTemplateExpression(e)) return e.templateSpans.some((s) => next(s.expression));
  if (ts.isCallExpression(e)) {
    const c = calleeOf(e);
    if (!c || cleaners.test(c.name)) return false;
    return e.arguments.some(next) || (c.receiver !== undefined && next(c.receiver));
  }
  return false;
}

function isOwnParameter(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    if (n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text)) {
      // A callback's element (`items.map(x => …)`) is data of the caller, not this API's input.
      const p = n.parent;
      return !(ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression));
    }
  }
  return false;
}

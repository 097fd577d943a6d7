import ts from '../../lib/typescript.cjs';
import { enclosingFunctionName, isFunctionNode, unwrap } from './ast.js';
import { walkChildTrees, walkTree } from './binary-chain.js';
import { localFunction } from './key-guards.js';
import { isAssignment } from './pp-shapes.js';

/**
 * The objects a function writes into, for path setters: once a step `cur = cur[key]` has
 * reached Object.prototype, any write through `cur` pollutes it — `cur[k] = …`, `cur.x = …`,
 * `delete cur[k]`, `Object.assign(cur, …)`, a write through an alias (`parent = cur`), or a write
 * a helper of the same file makes into the argument it is given (`setProp(cur, k, v)`).
 */

const copiers = /^Object\.(assign|defineProperty|defineProperties)$/;

/** The object a node writes into: `o` of `o[k] = …`, `o.x = …`, `delete o[k]`, `Object.assign(o, …)`. */
function writtenObject(n: ts.Node): ts.Expression | undefined {
  const target = isAssignment(n)
    ? unwrap(n.left)
    : ts.isDeleteExpression(n)
      ? unwrap(n.expression)
      : undefined;
  if (target && (ts.isElementAccessExpression(target) || ts.isPropertyAccessExpression(target)))
    return target.expression;
  if (ts.isCallExpression(n) && copiers.test(n.expression.getText())) return n.arguments[0];
  return undefined;
}

const nameOf = (e: ts.Expression | undefined): string | undefined => {
  const u = e && unwrap(e);
  return u && ts.isIdentifier(u) ? u.text : undefined;
};

/** Parameter positions a helper of the file writes into (one level deep). */
function writtenParams(call: ts.CallExpression, depth: number): number[] {
  const callee = unwrap(call.expression);
  if (depth > 0 || !ts.isIdentifier(callee)) return [];
  const fn = localFunction(call.getSourceFile(), callee.text);
  if (!fn || !isFunctionNode(fn) || !fn.body) return [];
  const written = writeTargets(fn.body, depth + 1);
  const out: number[] = [];
  fn.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && written.has(p.name.text)) out.push(i);
  });
  return out;
}

/** `a = b` and `const a = b` between two names, as [a, b]. */
function aliasOf(n: ts.Node): [string, string] | undefined {
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const [a, b] = [nameOf(n.left), nameOf(n.right)];
    return a !== undefined && b !== undefined ? [a, b] : undefined;
  }
  if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) {
    const b = nameOf(n.initializer);
    return b !== undefined ? [n.name.text, b] : undefined;
  }
  return undefined;
}

/** Names of the objects a function body writes into, directly or through an alias or a helper. */
export function writeTargets(body: ts.Node, depth = 0): Set<string> {
  const out = new Set<string>();
  const aliases: [string, string][] = [];
  const visit = (n: ts.Node): boolean => {
    const written = nameOf(writtenObject(n));
    if (written !== undefined) out.add(written);
    if (ts.isCallExpression(n))
      for (const i of writtenParams(n, depth)) {
        const arg = nameOf(n.arguments[i]);
        if (arg !== undefined) out.add(arg);
      }
    const alias = aliasOf(n);
    if (alias) aliases.push(alias);
    return true;
  };
  walkTree(body, visit);
  for (let grew = true; grew;) {
    grew = false;
    for (const [a, b] of aliases)
      if (out.has(a) && !out.has(b)) {
        out.add(b);
        grew = true;
      }
  }
  return out;
}

/** The function hands the named object back: `return cur;`. */
function returnsName(fn: ts.FunctionLikeDeclaration, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found || (n !== fn && isFunctionNode(n))) return false;
    if (ts.isReturnStatement(n) && nameOf(n.expression) === name) found = true;
    return !found;
  };
  if (fn.body) walkChildTrees(fn.body, visit);
  return found;
}

const callsTo = (e: ts.Expression | undefined, fnName: string): boolean => {
  const u = e && unwrap(e);
  return u !== undefined && ts.isCallExpression(u) && nameOf(u.expression) === fnName;
};

/**
 * `function parentOf(o, path) { …; return cur; }` and a caller of the same file that writes
 * into what it gets back: `parentOf(o, p)[last] = v`, or `const t = parentOf(o, p); t.x = v`.
 */
export function writtenByCallers(
  fn: ts.FunctionLikeDeclaration,
  fnName: string | undefined,
  name: string,
): boolean {
  return fnName !== undefined && returnsName(fn, name) && callersWriteInto(fn, fnName);
}

/** A caller of the file writes into what `fn` (named `fnName`) returns. */
export function callersWriteInto(fn: ts.Node, fnName: string): boolean {
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    const obj = writtenObject(n);
    if (callsTo(obj, fnName)) found = true;
    else if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      callsTo(n.initializer, fnName)
    ) {
      let scope: ts.Node = n;
      while (scope.parent && !isFunctionNode(scope) && !ts.isSourceFile(scope))
        scope = scope.parent;
      found = writeTargets(scope).has(n.name.text);
    }
    return !found;
  };
  walkTree(fn.getSourceFile(), visit);
  return found;
}

/** The function or file a node belongs to: where a name it binds can be written through. */
function bindingScope(n: ts.Node): ts.Node {
  let scope = n;
  while (scope.parent && !isFunctionNode(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return scope;
}

/**
 * Something writes into the value of `expr`: directly (`expr[k] = v`, `Object.assign(expr, v)`),
 * through the name it is stored in (`const t = expr; t.x = v`), or, returned by a function of
 * the file, in a caller (`parentOf(o, p)[k] = v`).
 */
export function resultWritten(expr: ts.Expression): boolean {
  let e: ts.Node = expr;
  while (e.parent && ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (!p) return false;
  if (writtenObject(p) === e) return true;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && p.initializer === e)
    return writeTargets(bindingScope(p)).has(p.name.text);
  const assigns =
    ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  const assigned = assigns ? nameOf(p.left) : undefined;
  if (assigned !== undefined) return writeTargets(bindingScope(p)).has(assigned);
  const body = isFunctionNode(p) && p.body === e;
  const fn = ts.isReturnStatement(p) ? bindingScope(p) : body ? p : undefined;
  const name = fn && isFunctionNode(fn) && fn.body ? enclosingFunctionName(fn.body) : undefined;
  return fn !== undefined && name !== undefined && callersWriteInto(fn, name);
}

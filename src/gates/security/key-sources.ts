import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, unwrap } from './ast.js';
import { definition } from './rule-kit.js';

/**
 * The object a key variable ranges over the keys of: `for (k in src)`,
 * `for (const k of Object.keys(src))`, `for (const [k, v] of Object.entries(src))`,
 * `Object.keys(src).forEach((k) => …)` and `Object.keys(src).reduce((acc, k) => …)`.
 */

const keyLists = /^(Object\.(keys|entries|getOwnPropertyNames)|Reflect\.ownKeys)$/;

/** `src` of `Object.keys(src)` (and its kin, also through a `const`), else undefined. */
function keyListOf(expr: ts.Expression): ts.Expression | undefined {
  const e = definition(expr);
  if (!ts.isCallExpression(e) || !keyLists.test(e.expression.getText())) return undefined;
  return e.arguments[0];
}

/** The name a loop or callback binds the key to: `k`, or the first element of `[k, v]`. */
function keyName(name: ts.BindingName | ts.Expression | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isArrayBindingPattern(name)) {
    const first = name.elements[0];
    return first && ts.isBindingElement(first) && ts.isIdentifier(first.name)
      ? first.name.text
      : undefined;
  }
  return undefined;
}

function fromLoop(
  n: ts.ForInStatement | ts.ForOfStatement,
  key: string,
): ts.Expression | undefined {
  const init = n.initializer;
  const bound = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : init;
  if (keyName(bound) !== key) return undefined;
  return ts.isForInStatement(n) ? n.expression : keyListOf(n.expression);
}

function fromCallback(fn: ts.FunctionLikeDeclaration, key: string): ts.Expression | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const c = calleeOf(call);
  if (!c?.receiver) return undefined;
  const at = c.name === 'reduce' ? 1 : 0;
  if (keyName(fn.parameters[at]?.name) !== key) return undefined;
  return keyListOf(c.receiver);
}

export function keysSource(key: ts.Expression): ts.Expression | undefined {
  const k = unwrap(key);
  if (!ts.isIdentifier(k)) return undefined;
  for (let n: ts.Node | undefined = k.parent; n; n = n.parent) {
    if (ts.isForInStatement(n) || ts.isForOfStatement(n)) {
      const src = fromLoop(n, k.text);
      if (src) return src;
    }
    if (isFunctionNode(n)) return fromCallback(n, k.text);
  }
  return undefined;
}

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

/** A key bound by a loop or an iterator callback, with the object whose keys it ranges over. */
interface KeyBinding {
  source: ts.Expression;
  /** How the key is bound: `k`, or `[k, v]` of an entry. */
  name: ts.BindingName | ts.Expression;
}

function fromLoop(n: ts.ForInStatement | ts.ForOfStatement, key: string): KeyBinding | undefined {
  const init = n.initializer;
  const bound = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : init;
  if (keyName(bound) !== key || !bound) return undefined;
  const source = ts.isForInStatement(n) ? n.expression : keyListOf(n.expression);
  return source && { source, name: bound };
}

function fromCallback(fn: ts.FunctionLikeDeclaration, key: string): KeyBinding | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const c = calleeOf(call);
  if (!c?.receiver) return undefined;
  const name = fn.parameters[c.name === 'reduce' ? 1 : 0]?.name;
  if (!name || keyName(name) !== key) return undefined;
  const source = keyListOf(c.receiver);
  return source && { source, name };
}

function keyBinding(key: ts.Expression): KeyBinding | undefined {
  const k = unwrap(key);
  if (!ts.isIdentifier(k)) return undefined;
  for (let n: ts.Node | undefined = k.parent; n; n = n.parent) {
    if (ts.isForInStatement(n) || ts.isForOfStatement(n)) {
      const found = fromLoop(n, k.text);
      if (found) return found;
    }
    if (isFunctionNode(n)) return fromCallback(n, k.text);
  }
  return undefined;
}

export function keysSource(key: ts.Expression): ts.Expression | undefined {
  return keyBinding(key)?.source;
}

/** `v` of `[k, v]` when `k` is bound by an entries loop or callback: the value under key `k`. */
export function entryValueName(key: ts.Expression): string | undefined {
  const name = keyBinding(key)?.name;
  if (!name || !ts.isArrayBindingPattern(name)) return undefined;
  const second = name.elements[1];
  return second && ts.isBindingElement(second) && ts.isIdentifier(second.name)
    ? second.name.text
    : undefined;
}

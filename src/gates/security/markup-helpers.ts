import ts from '../../lib/typescript.cjs';
import { objectProperty, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';

/**
 * React's `dangerouslySetInnerHTML={createMarkup(x)}`: a helper of the same file that wraps its
 * parameter in the `{ __html }` object (`function createMarkup(h) { return { __html: h } }`,
 * the shape React's documentation shows). The argument in that parameter's position is what the
 * element renders as HTML, so the rule judges it like `{ __html: x }` written in place.
 */

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/** Per helper: the index of the parameter its returned `{ __html }` holds, or -1. */
const wrappedIndex = new WeakMap<FunctionLike, number>();

/** The argument a same-file markup helper puts into `__html`, for a call of such a helper. */
export function markupArgument(value: ts.Expression): ts.Expression | undefined {
  const call = unwrap(value);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return undefined;
  const fn = functionNamed(call.expression.text, call);
  if (!fn) return undefined;
  let index = wrappedIndex.get(fn);
  if (index === undefined) {
    index = htmlParameterIndex(fn);
    wrappedIndex.set(fn, index);
  }
  return index < 0 ? undefined : call.arguments[index];
}

/** A function declared under `name` in the call's file: a declaration or a `const` arrow/function. */
function functionNamed(name: string, from: ts.Node): FunctionLike | undefined {
  const sf = from.getSourceFile();
  let found: FunctionLike | undefined;
  walkTree(sf, (n) => {
    if (found) return false;
    if (ts.isFunctionDeclaration(n) && n.name?.text === name && n.body) found = n;
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) {
      const init = n.initializer && unwrap(n.initializer);
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) found = init;
    }
    return !found;
  });
  return found;
}

/** Index of the parameter a returned object literal holds as `__html`, else -1. */
function htmlParameterIndex(fn: FunctionLike): number {
  const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  for (const returned of returnedExpressions(fn)) {
    const obj = unwrap(returned);
    if (!ts.isObjectLiteralExpression(obj)) continue;
    const html = objectProperty(obj, '__html');
    const e = html && unwrap(html);
    if (e && ts.isIdentifier(e) && names.includes(e.text)) return names.indexOf(e.text);
  }
  return -1;
}

/** The expressions a function returns (its own `return`s, not those of nested functions). */
function returnedExpressions(fn: FunctionLike): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  walkTree(fn.body, (n) => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    return !ts.isFunctionLike(n);
  });
  return out;
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, memberName, rootName, unwrap } from './ast.js';
import { isScopeValue } from './angular-scope.js';
import { definition } from './rule-kit.js';

/** Calls that return DOM nodes or jQuery objects, not markup strings. */
const elementFactories = new Set([
  '$',
  'jQuery',
  'createElement',
  'createElementNS',
  'createTextNode',
  'createDocumentFragment',
  'cloneNode',
  'querySelector',
  'getElementById',
  'closest',
  'find',
  'clone',
  'element',
]);

function isElementCall(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return false;
  const name = calleeOf(e)?.name;
  return name !== undefined && elementFactories.has(name);
}

/**
 * The value is evidently a DOM node or jQuery object (`$('<li>')`, `document.createElement()`,
 * `this`, a `$`-named variable), which jQuery inserts as a node; anything else may be a string,
 * which jQuery parses as HTML. An AngularJS `$scope` member (`$scope.comment`) is `$`-named but
 * holds view-model data, which the view's bindings write: a string like any other.
 */
export function isElementValue(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (isScopeValue(e)) return false;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return true;
  if (rootName(e)?.startsWith('$') || memberName(e)?.startsWith('$')) return true;
  if (isElementCall(e)) return true;
  const def = ts.isIdentifier(e) ? definition(e) : e;
  return def !== e && isElementCall(def);
}

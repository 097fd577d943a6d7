import ts from '../../lib/typescript.cjs';
import { propertyNameText, rootName, unwrap } from './ast.js';

/**
 * AngularJS directive linking functions — `link: function (scope, element, attrs) { … }`, the
 * `pre`/`post` functions a `compile` returns, or a function named `link`/`postLink`/`preLink` —
 * are called with the directive's scope, its element wrapped in jqLite and its attributes,
 * whatever the parameters are called. The element is a jQuery-style wrapper (`element.html(x)`
 * parses `x` as HTML); scope and attribute values come from the view, like `$scope` members.
 */

const linkProperties = new Set(['link', 'pre', 'post']);
const linkNames = /^(link|postLink|preLink|linkFn|linker)$/;

const angularFiles = new WeakMap<ts.SourceFile, boolean>();

/** The file declares AngularJS modules or directives (a `post:` or `link` elsewhere is no directive's). */
function usesAngular(sf: ts.SourceFile): boolean {
  let v = angularFiles.get(sf);
  if (v === undefined) {
    v = /\bangular\s*\.\s*module\s*\(|\.directive\s*\(/.test(sf.text);
    angularFiles.set(sf, v);
  }
  return v;
}

function isLinkFunction(fn: ts.Node): boolean {
  if (!usesAngular(fn.getSourceFile())) return false;
  if (ts.isFunctionDeclaration(fn)) return fn.name !== undefined && linkNames.test(fn.name.text);
  // `link(scope, element) { … }` in the directive definition object
  if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent))
    return linkProperties.has(propertyNameText(fn.name) ?? '');
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return false;
  const p = fn.parent;
  if (ts.isPropertyAssignment(p) && p.initializer === fn)
    return linkProperties.has(propertyNameText(p.name) ?? '');
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return linkNames.test(p.name.text);
  return ts.isFunctionExpression(fn) && fn.name !== undefined && linkNames.test(fn.name.text);
}

/** Index of the linking-function parameter `name` is bound to where it is used, if any. */
function linkParameterIndex(use: ts.Node, name: string): number | undefined {
  for (let n: ts.Node | undefined = use.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const i = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (i >= 0) return isLinkFunction(n) ? i : undefined;
  }
  return undefined;
}

/** `element` in `link(scope, element, attrs)`: the directive's jqLite-wrapped element. */
export function isDirectiveElement(receiver: ts.Expression): boolean {
  const e = unwrap(receiver);
  if (!ts.isIdentifier(e) || !usesAngular(e.getSourceFile())) return false;
  return linkParameterIndex(e, e.text) === 1;
}

/** `scope.x` or `attrs.x` in a linking function: a value the view supplies. */
export function isDirectiveViewValue(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return false;
  const root = rootName(e);
  if (root === undefined || !usesAngular(e.getSourceFile())) return false;
  const i = linkParameterIndex(e, root);
  return i === 0 || i === 2;
}

import ts from '../../lib/typescript.cjs';
import { objectProperty, rootName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { definition } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * Where HTML that is sent or returned was built, so that one flow is reported once, where the
 * input goes into the markup (`res.send(html)`, a Lambda's `body: html`).
 */

const htmlLike = /<[a-zA-Z!/]/;

/**
 * Where the HTML is built: the initializer of `const html = '<h1>' + input` in the same function
 * (the line a reviewer must change), else the send call itself.
 */
export function buildingNode(arg: ts.Expression, call: ts.Node, ctx: RuleContext): ts.Node {
  if (ts.isPropertyAccessExpression(arg)) return memberBuilding(arg, ctx) ?? call;
  if (!ts.isIdentifier(arg)) return call;
  const fnOf = (n: ts.Node): ts.Node | undefined => {
    for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
    return undefined;
  };
  const fn = fnOf(call);
  let best: ts.Node | undefined;
  // where no step can be shown to bring input (a loop variable out of scope by now), the last
  // step that splices a value into markup: never the constant `let html = '<ul>'` it starts from
  let splice: ts.Node | undefined;
  const def = definition(arg);
  if (def !== arg && fnOf(def) === fn && htmlLike.test(def.getText())) {
    if (bringsInput(def, arg.text, ctx)) best = def;
    else if (splicesValue(def, arg.text)) splice = def;
  }
  // A later `html = html.concat(input)` / `html += input` is where the input goes in.
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= call.pos) return false;
    if (
      ts.isBinaryExpression(n) &&
      (n.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
        n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) &&
      ts.isIdentifier(n.left) &&
      n.left.text === arg.text
    ) {
      if (bringsInput(n.right, arg.text, ctx)) best = n;
      else if (htmlLike.test(n.right.getText()) && splicesValue(n.right, arg.text)) splice = n;
    }
    return true;
  };
  if (fn) walkTree(fn, visit);
  return best ?? splice ?? call;
}

/** `res.send(page.html)` after `const page = { html: '<p>' + input }`: that property's value. */
function memberBuilding(arg: ts.PropertyAccessExpression, ctx: RuleContext): ts.Node | undefined {
  const base = unwrap(arg.expression);
  if (!ts.isIdentifier(base)) return undefined;
  const obj = definition(base);
  if (obj === base || !ts.isObjectLiteralExpression(obj)) return undefined;
  const value = objectProperty(obj, arg.name.text);
  if (!value || !htmlLike.test(value.getText()) || !bringsInput(value, '', ctx)) return undefined;
  return unwrap(value);
}

/** The expression holds a name other than the variable it extends (a value spliced in). */
function splicesValue(expr: ts.Node, self: string): boolean {
  let found = false;
  walkTree(expr, (n) => {
    if (found) return false;
    const member = ts.isPropertyAccessExpression(n.parent) && n.parent.name === n;
    if (ts.isIdentifier(n) && n.text !== self && !member) found = true;
    return !found;
  });
  return found;
}

/** The expression mixes in input other than the variable it extends. */
function bringsInput(expr: ts.Expression, self: string, ctx: RuleContext): boolean {
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    if (
      (ts.isPropertyAccessExpression(n) || ts.isIdentifier(n)) &&
      rootName(n as ts.Expression) !== self
    ) {
      if (ctx.flow(n as ts.Expression).state === 'tainted') {
        found = true;
        return false;
      }
    }
    return true;
  };
  walkTree(expr, visit);
  return found;
}

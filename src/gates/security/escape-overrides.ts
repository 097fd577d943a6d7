import ts from '../../lib/typescript.cjs';
import { calleeOf, propertyNameText, receiverName, rootName, unwrap } from './ast.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * A library's HTML-escaping hook replaced by a function that returns its input unchanged, which
 * turns every escaped output into raw HTML: `Mustache.escape = (t) => t`, Mustache's render
 * config `{ escape: (t) => t }`, select2's `{ escapeMarkup: (m) => m }`, a widget's
 * `escapeHtml: (s) => s`. A plain `escape` property counts only on Mustache/Handlebars, where
 * it is the template engine's escaping.
 */

const FIX =
  "Keep the library's HTML escaping: remove the override, or sanitize the markup with DOMPurify.sanitize() inside it.";
const report = xssReporter('unescaped', FIX);
const escapeHooks = /^(escapeMarkup|escapeHtml|escapeHTML)$/;
const templateEngines = /^(mustache|handlebars|hbs)$/i;

/** `(t) => t`, `function (m) { return m; }`, `() => undefined`-less identity functions. */
function isIdentity(e: ts.Expression): boolean {
  const fn = unwrap(e);
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return false;
  const param = fn.parameters[0]?.name;
  if (!param || !ts.isIdentifier(param)) return false;
  const body = fn.body;
  const returned = ts.isBlock(body)
    ? body.statements.length === 1
      ? body.statements.find(ts.isReturnStatement)?.expression
      : undefined
    : body;
  const r = returned && unwrap(returned);
  return r !== undefined && ts.isIdentifier(r) && r.text === param.text;
}

/** `Mustache.escape = …`, `Handlebars.Utils.escapeExpression = …`, `obj.escapeMarkup = …`. */
function checkAssignment(node: ts.BinaryExpression, ctx: RuleContext): void {
  const left = unwrap(node.left);
  if (!ts.isPropertyAccessExpression(left) || !isIdentity(node.right)) return;
  const name = left.name.text;
  const engine = templateEngines.test(rootName(left) ?? '');
  if (escapeHooks.test(name) || ((name === 'escape' || name === 'escapeExpression') && engine))
    report(ctx, node, 'unknown', { state: 'unknown' }, 'An escape function that returns its input');
}

/** `{ escapeMarkup: (m) => m }` in any options object; `{ escape }` in a Mustache call's. */
function checkOption(node: ts.PropertyAssignment, ctx: RuleContext): void {
  const name = propertyNameText(node.name) ?? '';
  if (!isIdentity(node.initializer)) return;
  if (!escapeHooks.test(name) && !(name === 'escape' && inEngineCall(node))) return;
  report(ctx, node, 'unknown', { state: 'unknown' }, `An ${name} option that returns its input`);
}

function inEngineCall(node: ts.PropertyAssignment): boolean {
  const call = node.parent.parent;
  if (!ts.isCallExpression(call)) return false;
  const c = calleeOf(call);
  return c !== undefined && templateEngines.test(receiverName(c.receiver));
}

export const escapeOverridesRule: SecurityRule = {
  id: 'escape-overrides',
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.PropertyAssignment],
  visit(node, ctx) {
    if (ts.isPropertyAssignment(node)) checkOption(node, ctx);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      checkAssignment(node, ctx);
  },
};

import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { chainOperands } from './binary-chain.js';
import { isElementValue } from './element-values.js';
import { constantPrefix, definition, levelOf } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * `$('<li>' + name + '</li>')`, `jQuery(['<span>', title, '</span>'].join(''))`: jQuery parses a
 * string that starts with `<` as HTML, so markup built with a value is an HTML sink whatever the
 * value's origin (input itself is reported by xss-frameworks.ts). A value that is evidently a
 * DOM node or jQuery object is inserted as a node and is not reported.
 */

const FIX =
  "Build the element with jQuery and set untrusted values as text: $('<li>').text(name), or sanitize the markup with DOMPurify.sanitize() first.";
const jqueryNames = /^(\$|jQuery)$/;
const report = xssReporter('renders', FIX);

const isPlus = (b: ts.BinaryExpression): boolean =>
  b.operatorToken.kind === ts.SyntaxKind.PlusToken;

/** The values spliced into markup that starts with a tag, or undefined when it is not markup. */
function markupValues(arg: ts.Expression, ctx: RuleContext): ts.Expression[] | undefined {
  const e = definition(arg);
  if (ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && isPlus(e))) {
    if (!constantPrefix(e, ctx).trimStart().startsWith('<')) return undefined;
    if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
    return chainOperands(e, isPlus).filter((p) => ctx.constString(p) === undefined);
  }
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return undefined;
  const list = unwrap(callee.expression);
  if (!ts.isArrayLiteralExpression(list)) return undefined;
  const first = list.elements[0];
  const lead = first === undefined ? undefined : ctx.constString(first);
  if (lead === undefined || !lead.trimStart().startsWith('<')) return undefined;
  return list.elements.filter((x) => ctx.constString(x) === undefined);
}

/** `list.length`, `set.size` (directly or through a variable): a number, not markup. */
function isCount(v: ts.Expression): boolean {
  const d = definition(v);
  return ts.isPropertyAccessExpression(d) && /^(length|size)$/.test(d.name.text);
}

function check(call: ts.CallExpression, ctx: RuleContext): void {
  const c = calleeOf(call);
  const arg = call.arguments[0];
  if (!c || c.receiver || !jqueryNames.test(c.name) || !arg) return;
  if (ctx.flow(arg).state === 'tainted') return; // reported with its source by xss-frameworks.ts
  const values = markupValues(arg, ctx);
  if (!values) return;
  for (const v of values) {
    const flow = ctx.flow(v);
    if (levelOf(flow) !== 'unknown' || isElementValue(v) || isCount(v)) continue;
    report(ctx, call, 'unknown', flow, `${c.name}() of markup built with a value`);
    return;
  }
}

export const xssJqueryMarkupRule: SecurityRule = {
  id: 'xss-jquery-markup',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) check(node, ctx);
  },
};

import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, rootName, unwrap } from './ast.js';
import { levelOf } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * Front-end libraries' ways to mark a string as trusted markup, which their templates then
 * insert without escaping: Ember `htmlSafe(x)`, lit `unsafeHTML(x)` / `unsafeSVG(x)`, Mithril
 * `m.trust(x)`, Hono `raw(x)`. Any value that is not a constant is reported (like `new SafeString(x)`): the
 * call is where escaping is switched off. And Vue templates compiled at run time from input
 * (`new Vue({ template })`, `createApp({ template })`, `compile(t)`): template expressions run
 * as script in the page.
 */

const FIX =
  'Let the template escape the value (plain interpolation); if markup is required, sanitize it with DOMPurify.sanitize() before marking it as trusted.';
const FIX_VUE =
  'Never compile templates from input: ship templates with the app and pass input as data (props), which Vue escapes.';

const report = xssReporter('puts', FIX);

/** The modules each trusting function comes from. */
const trusting: Readonly<Record<string, RegExp>> = {
  htmlSafe: /^(@ember\/(template|string)|ember)$/,
  unsafeHTML: /^(lit|lit-html)(\/directives\/unsafe-html(\.js)?|\/directives\.js)?$/,
  unsafeSVG: /^(lit|lit-html)(\/directives\/unsafe-svg(\.js)?|\/directives\.js)?$/,
  // Hono's html`…` helper escapes what it splices, except values wrapped in raw()
  raw: /^hono\/(html|utils\/html)$/,
};
const vueModules = /^(vue|@vue\/compiler-dom)$/;

function checkTrust(call: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(call);
  const arg = call.arguments[0];
  if (!r || !arg) return;
  let what: string | undefined;
  const from = Object.hasOwn(trusting, r.name) ? trusting[r.name] : undefined;
  if (from && (from.test(r.module ?? '') || (r.receiver && /^Ember\b/.test(r.receiver.getText()))))
    what = `${r.name}()`;
  else if (
    r.name === 'trust' &&
    r.receiver &&
    rootName(r.receiver) === 'm' &&
    r.module === 'mithril'
  )
    what = 'm.trust()';
  else if (r.name === 'compile' && vueModules.test(r.module ?? '')) return checkVue(call, arg, ctx);
  if (what === undefined) return;
  const flow = ctx.flow(arg);
  const level = levelOf(flow);
  if (level !== 'none') report(ctx, call, level, flow, what);
}

function checkVue(node: ts.Node, template: ts.Expression, ctx: RuleContext): void {
  const flow = ctx.flow(template);
  if (flow.state !== 'tainted') return;
  report(ctx, node, flow.taint.kind, flow, 'A Vue template compiled from input', FIX_VUE);
}

/** `new Vue({ template: input })`, `createApp({ template: input })`. */
function checkVueOptions(node: ts.CallExpression | ts.NewExpression, ctx: RuleContext): void {
  const c = ts.isCallExpression(node) ? calleeOf(node) : undefined;
  const callee = unwrap(node.expression);
  const isVue = ts.isNewExpression(node)
    ? ts.isIdentifier(callee) && ctx.moduleOf(callee.text) === 'vue'
    : c?.name === 'createApp' && !c.receiver && ctx.moduleOf('createApp') === 'vue';
  const opts = node.arguments?.[0] && unwrap(node.arguments[0]);
  if (!isVue || !opts || !ts.isObjectLiteralExpression(opts)) return;
  const template = objectProperty(opts, 'template');
  if (template) checkVue(node, template, ctx);
}

export const xssTrustedMarkupRule: SecurityRule = {
  id: 'xss-trusted-markup',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) {
      checkTrust(node, ctx);
      checkVueOptions(node, ctx);
    } else if (ts.isNewExpression(node)) checkVueOptions(node, ctx);
  },
};

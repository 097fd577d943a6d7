import ts from '../../lib/typescript.cjs';
import { calleeOf, isStringBuilding, propertyNameText, unwrap } from './ast.js';
import { isRemote } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * Client-side template injection in Vue: a component's `template` option and `Vue.compile()`
 * compile their text in the browser, and template expressions are JavaScript
 * (`{{ constructor.constructor('…')() }}`), so a template built from input (the URL, a message,
 * a request) runs the attacker's script. Markup spliced into a template is reported by the
 * markup rules; this rule is about the template's text coming from input. Input only: a
 * template of unknown origin is the app's own as often as not.
 */

const FIX =
  'Keep templates constant (in .vue files or string constants) and pass input as data ({{ value }} escapes it); never compile a template built from input.';
/** Calls whose object argument holds component options (`new Vue({ template })`, `createApp({ template })`). */
const componentCalls = new Set([
  'Vue',
  'createApp',
  'createSSRApp',
  'defineComponent',
  'component',
  'extend',
]);

const report = xssReporter('puts', FIX);

/** `template: value` in the options object of a Vue component call. */
function isComponentTemplate(p: ts.PropertyAssignment): boolean {
  if (propertyNameText(p.name) !== 'template') return false;
  let call: ts.Node = p.parent.parent;
  while (ts.isParenthesizedExpression(call)) call = call.parent;
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
  const name = calleeOf(call)?.name;
  return name !== undefined && componentCalls.has(name);
}

/** `Vue.compile(text)`: the template text of a compile call, if this is one. */
function compiledText(call: ts.CallExpression): ts.Expression | undefined {
  const c = calleeOf(call);
  if (c?.name !== 'compile' || !c.receiver) return undefined;
  const recv = unwrap(c.receiver);
  return ts.isIdentifier(recv) && recv.text === 'Vue' ? call.arguments[0] : undefined;
}

/** Markup built in place (`'<div>' + x`): the markup rules report it where it is built. */
const builtMarkup = (v: ts.Expression): boolean => isStringBuilding(v) && v.getText().includes('<');

function reportInput(ctx: RuleContext, node: ts.Node, value: ts.Expression, what: string): void {
  if (builtMarkup(unwrap(value))) return;
  const flow: Flow = ctx.flow(value);
  if (isRemote(flow)) report(ctx, node, 'remote', flow, what);
}

export const vueTemplatesRule: SecurityRule = {
  id: 'vue-templates',
  kinds: [ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isPropertyAssignment(node) && isComponentTemplate(node))
      reportInput(ctx, node, node.initializer, 'A Vue template compiled in the browser');
    else if (ts.isCallExpression(node)) {
      const text = compiledText(node);
      if (text) reportInput(ctx, node, text, 'Vue.compile()');
    }
  },
};

import ts from '../../lib/typescript.cjs';
import { calleeOf, propertyNameText, unwrap } from './ast.js';
import { derivesFromComponentInput } from './component-derived.js';
import { constantPrefix } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { schemeChecked } from './url-scheme-guards.js';

/**
 * URL attributes of elements a component renders, taken from its props or state with nothing
 * constant in front: `<a href={props.url}>` (xss-frameworks.ts) and the same through
 * `React.createElement('a', { href: this.props.url })` / `h('a', { href })`. A `javascript:` URL
 * runs script when clicked. Low: the parents decide what they pass (input itself is high).
 */

const FIX_URL =
  "Allow only http(s) URLs: check new URL(value).protocol is 'http:' or 'https:' before rendering it as a link.";
const urlProps = new Set(['href', 'src', 'formAction', 'action']);
const factories = new Set(['createElement', 'h', 'jsx', 'jsxs']);

export function reportPropUrl(
  node: ts.Node,
  what: string,
  value: ts.Expression,
  ctx: RuleContext,
): void {
  // a constant in front fixes the scheme — unless that constant is the `javascript:` scheme
  const prefix = constantPrefix(value, ctx);
  if (prefix !== '' && !/^\s*javascript:/i.test(prefix)) return;
  if (schemeChecked(value)) return;
  ctx.report(node, {
    rule: 'xss',
    cwe: 'CWE-79',
    severity: 'low',
    message: `${what} takes a URL from the component's props or state: a javascript: URL runs script.`,
    fix: FIX_URL,
  });
}

/** `{ href: props.url }` as the props argument of an element factory. */
function checkFactoryProp(node: ts.PropertyAssignment, ctx: RuleContext): void {
  const name = propertyNameText(node.name);
  if (name === undefined || !urlProps.has(name)) return;
  const call = node.parent.parent;
  if (!ts.isCallExpression(call) || call.arguments[1] !== node.parent) return;
  const c = calleeOf(call);
  if (!c || !factories.has(c.name)) return;
  const value = unwrap(node.initializer);
  const flow = ctx.flow(value);
  if (flow.state === 'unknown' && derivesFromComponentInput(value, ctx))
    reportPropUrl(node, `${c.name}() ${name}`, value, ctx);
}

export const xssUrlPropsRule: SecurityRule = {
  id: 'xss-url-props',
  kinds: [ts.SyntaxKind.PropertyAssignment],
  visit(node, ctx) {
    if (ts.isPropertyAssignment(node)) checkFactoryProp(node, ctx);
  },
};

import ts from '../../lib/typescript.cjs';
import { calleeOf, propertyNameText, unwrap } from './ast.js';
import { levelOf } from './rule-kit.js';
import type { SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * Vue render functions, the `v-html` of code without templates: Vue 2's
 * `h('div', { domProps: { innerHTML: html } })` and Vue 3's `h('div', { innerHTML: html })` set
 * the element's innerHTML, so they are judged as an `el.innerHTML = html` assignment is. A
 * component's template written in code (`template: '<div v-html="bio"></div>'`) is read like a
 * `.vue` file's: `v-html` renders the bound value as HTML.
 */

const FIX =
  'Render text as a child (h("div", text)) or with textContent; if HTML is required, sanitize it with DOMPurify.sanitize() first.';
const renderCalls = new Set(['h', 'createElement', '$createElement', 'createVNode']);
const htmlProps = new Set(['innerHTML', 'outerHTML']);

const report = xssReporter('renders', FIX);

/** The object literal is the props/data argument of a render call (`h(tag, { … })`). */
function isRenderData(obj: ts.Node): boolean {
  let p = obj.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (!ts.isCallExpression(p) || unwrap(p.arguments[1] ?? p) !== obj) return false;
  const name = calleeOf(p)?.name;
  return name !== undefined && renderCalls.has(name);
}

/** `innerHTML: value` inside `domProps: { … }`, or directly in a render call's props. */
function isRenderedHtml(p: ts.PropertyAssignment): boolean {
  if (!htmlProps.has(propertyNameText(p.name) ?? '')) return false;
  const obj = p.parent;
  const holder = obj.parent;
  if (ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'domProps') return true;
  return isRenderData(obj);
}

/** `template: '… v-html="x" …'` (a string or a template literal without substitutions). */
function inlineVHtml(p: ts.PropertyAssignment): boolean {
  if (propertyNameText(p.name) !== 'template') return false;
  const t = unwrap(p.initializer);
  const text = ts.isStringLiteralLike(t) ? t.text : ts.isTemplateExpression(t) ? t.getText() : '';
  return /\sv-html\s*=\s*["'][^"']*[A-Za-z_$]/.test(text);
}

export const xssVueRenderRule: SecurityRule = {
  id: 'xss-vue-render',
  kinds: [ts.SyntaxKind.PropertyAssignment],
  visit(node, ctx) {
    if (!ts.isPropertyAssignment(node)) return;
    if (inlineVHtml(node))
      return report(ctx, node, 'unknown', { state: 'unknown' }, 'A v-html binding in the template');
    if (!isRenderedHtml(node)) return;
    const flow = ctx.flow(node.initializer);
    const level = levelOf(flow);
    if (level !== 'none') report(ctx, node, level, flow, 'The innerHTML render prop');
  },
};

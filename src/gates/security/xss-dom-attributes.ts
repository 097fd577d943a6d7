import ts from '../../lib/typescript.cjs';
import { calleeOf, memberName, rootName, unwrap } from './ast.js';
import { definition, levelOf } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * DOM properties and attributes that run or load what they are given: URL attributes
 * (`a.href`, `script.src`, `iframe.src`, `form.action` — a `javascript:` URL runs script),
 * event-handler attributes (`setAttribute('onclick', …)`), the text of a `<script>` element,
 * Angular's Renderer2 `setProperty(el, 'innerHTML', …)`, and
 * `document.execCommand('insertHTML', false, html)`.
 */

const FIX_URL =
  "Allow only http(s) URLs: check new URL(value, location.origin).protocol is 'http:' or 'https:' before assigning it.";
const FIX_HTML =
  'Set text with textContent; if HTML is required, sanitize it with DOMPurify.sanitize() first; never put values into event-handler attributes.';
const urlProps = new Set(['href', 'src', 'action', 'formAction', 'data']);
const htmlProps = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
const urlAttrs = /^(href|src|action|formaction|data|xlink:href)$/i;

const report = xssReporter('is-set', '');

const scriptText = new Set(['text', 'textContent', 'innerText']);

/** `const s = document.createElement('script')`: the element whose text is run as script. */
function isScriptElement(e: ts.Expression, ctx: RuleContext): boolean {
  const def = definition(e);
  if (!ts.isCallExpression(def) || calleeOf(def)?.name !== 'createElement') return false;
  return def.arguments[0] !== undefined && ctx.constString(def.arguments[0]) === 'script';
}

/** `script.textContent = input`: the text of a script element runs when it is inserted. */
function checkScriptText(node: ts.BinaryExpression, name: string, ctx: RuleContext): void {
  const left = unwrap(node.left);
  if (!ts.isPropertyAccessExpression(left) || !isScriptElement(left.expression, ctx)) return;
  const flow = ctx.flow(node.right);
  if (flow.state === 'tainted' && flow.taint.kind === 'remote')
    report(ctx, node, 'remote', flow, `The script element's ${name}`, FIX_HTML);
}

/** `link.href = location.hash.slice(1)`: a browser URL attribute from input. */
function checkPropertyAssignment(node: ts.BinaryExpression, ctx: RuleContext): void {
  const name = memberName(node.left);
  if (name !== undefined && scriptText.has(name)) return checkScriptText(node, name, ctx);
  if (name === undefined || !urlProps.has(name)) return;
  // `location.href`/`window.location.href` are redirects (open-redirect.ts)
  if (/location$/i.test(node.left.getText().replace(/\.[^.]+$/, ''))) return;
  if (rootName(node.left) === 'module' || rootName(node.left) === 'exports') return;
  const flow = ctx.flow(node.right);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  // DOM elements exist in the browser; a server request's value set on an object's `data`/`href`
  // (`config.data = req.body`, `link.href = req.query.url` in a model) is no DOM attribute
  if (serverInput.test(flow.taint.source)) return;
  report(ctx, node, 'remote', flow, `The ${name} URL`, FIX_URL);
}

/** Taint sources that exist only on a server: HTTP request members, NestJS parameter decorators. */
const serverInput = /^(request|ctx)\.|^@/;

/** `document.execCommand('insertHTML', false, html)`: the editor inserts the value as markup. */
function checkExecCommand(node: ts.CallExpression, ctx: RuleContext): void {
  const [command, , value] = node.arguments;
  if (!command || !value || ctx.constString(command)?.toLowerCase() !== 'inserthtml') return;
  const flow = ctx.flow(value);
  const level = levelOf(flow);
  if (level !== 'none')
    report(ctx, node, level, flow, "execCommand('insertHTML')'s value", FIX_HTML);
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const e = node.expression;
  if (!ts.isPropertyAccessExpression(e)) return;
  if (e.name.text === 'execCommand') return checkExecCommand(node, ctx);
  if (e.name.text !== 'setAttribute' && e.name.text !== 'setProperty') return;
  const c = calleeOf(node);
  if (!c?.receiver) return;
  const args = node.arguments;
  // el.setAttribute(name, value) / renderer.setAttribute(el, name, value)
  const at = c.name === 'setAttribute' ? (args.length >= 3 ? 1 : 0) : -1;
  if (at >= 0) {
    const attr = args[at] && ctx.constString(args[at]);
    const value = args[at + 1];
    if (attr === undefined || !value) return;
    const flow = ctx.flow(value);
    const level = levelOf(flow);
    if ((/^on/i.test(attr) || htmlProps.has(attr)) && level !== 'none')
      report(
        ctx,
        node,
        level,
        flow,
        `The ${attr} ${/^on/i.test(attr) ? 'handler ' : ''}attribute`,
        FIX_HTML,
      );
    else if (urlAttrs.test(attr) && flow.state === 'tainted' && flow.taint.kind === 'remote')
      report(ctx, node, 'remote', flow, `The ${attr} attribute`, FIX_URL);
    return;
  }
  // renderer.setProperty(el, 'innerHTML', value)
  if (c.name === 'setProperty' && args.length >= 3) {
    const prop = args[1] && ctx.constString(args[1]);
    const value = args[2];
    if (prop === undefined || !value || !htmlProps.has(prop)) return;
    const flow = ctx.flow(value);
    const level = levelOf(flow);
    if (level !== 'none') report(ctx, node, level, flow, `The ${prop} property`, FIX_HTML);
  }
}

export const xssDomAttributesRule: SecurityRule = {
  id: 'xss-dom-attributes',
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      checkPropertyAssignment(node, ctx);
    else if (ts.isCallExpression(node)) checkCall(node, ctx);
  },
};

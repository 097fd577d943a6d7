import ts from '../../lib/typescript.cjs';
import { isDirectiveElement } from './angular-directives.js';
import { isAngularInputField } from './angular-inputs.js';
import { memberName, propertyNameText, receiverName, rootName, unwrap } from './ast.js';
import { derivesFromComponentInput } from './component-derived.js';
import { buildingNode } from './html-building.js';
import { isElementValue } from './element-values.js';
import { markupArgument } from './markup-helpers.js';
import {
  definition,
  enclosingFunctionText,
  producerText,
  isResponseObject,
  levelOf,
} from './rule-kit.js';
import { UNKNOWN } from './scope.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

const FIX_DOM =
  'Use textContent / innerText (or React children) for text; if HTML is required, sanitize it with DOMPurify.sanitize() first.';
const FIX_SERVER =
  'Escape user input before putting it into HTML (a template engine with auto-escaping, or an escapeHtml() helper), or send it as JSON / text/plain.';
const htmlLike = /<[a-zA-Z!/]/;
/** `ctx.type = 'html'`, `res.type('html')`, `reply.type('text/html')`, `Content-Type: text/html`. */
const htmlType = /text\/html|\.type\s*(=\s*|\(\s*)['"`](text\/)?html/;
/** A JSON or plain-text response: Express's `res.type('json')` / `res.type('text')` shorthands too. */
const notHtmlType =
  /text\/plain|application\/json|\.(type|contentType)\s*(=\s*|\(\s*)['"`](json|text|txt)['"`]/;
/** jQuery methods that insert their argument as HTML. */
export const jqueryInserts: ReadonlySet<string> = new Set([
  'append',
  'prepend',
  'after',
  'before',
  'replaceWith',
  'wrap',
  'wrapInner',
  'wrapAll',
]);
/** DOM APIs that parse their argument as HTML. */
const htmlParsers = new Set([
  'createContextualFragment',
  'createNodesFromMarkup',
  'setHTMLUnsafe',
  'parseHTMLUnsafe',
]);

const report = xssReporter('renders', '');

function checkDomValue(ctx: RuleContext, node: ts.Node, value: ts.Expression, what: string): void {
  const flow = ctx.flow(value);
  const level = levelOf(flow);
  if (level !== 'none') report(ctx, node, level, flow, what, FIX_DOM);
  // an Angular `@Input()` field is whatever the parent binds, not its initializer
  else if (isAngularInputField(value)) report(ctx, node, 'unknown', UNKNOWN, what, FIX_DOM);
}

function checkServerSend(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const arg = call.arguments[0];
  if (!arg) return;
  const a = unwrap(arg);
  if (ts.isObjectLiteralExpression(a) || ts.isArrayLiteralExpression(a)) return;
  const flow = ctx.flow(a);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  if (flow.taint.source.startsWith('response')) return; // proxied upstream content, not reflected input
  const fnText = enclosingFunctionText(call);
  if (notHtmlType.test(fnText)) return;
  const html = name === 'html' || htmlLike.test(producerText(a)) || htmlType.test(fnText);
  const root = rootName(call.expression);
  // Express sends a Buffer as application/octet-stream unless told otherwise
  if (name === 'send' && !html && isBuffer(a)) return;
  if ((name === 'send' || name === 'write' || name === 'end') && root !== 'reply') {
    const whole = /\.(body|query|params|headers|cookies)$/.test(a.getText());
    if (flow.taint.maybeObject && whole) return;
  } else if (!html) return;
  report(ctx, buildingNode(a, call, ctx), 'remote', flow, `${name}()`, FIX_SERVER);
}

/** `Buffer.from(…)` / `Buffer.concat(…)`, in place or in the variable it was stored in. */
function isBuffer(e: ts.Expression): boolean {
  const d = definition(e);
  return ts.isCallExpression(d) && /^Buffer\.(from|concat|alloc)$/.test(d.expression.getText());
}

/**
 * A jQuery-style wrapper: `$(…)`, `jQuery(…)`, AngularJS's jqLite `angular.element(…)` or a
 * directive's `element`, a `$el` variable, or a variable holding one of those.
 */
export function isJqueryLike(receiver: ts.Expression, depth = 0): boolean {
  const root = rootName(receiver);
  if (root === undefined) return false;
  if (root.startsWith('$') || root === 'jQuery') return true;
  if (root === 'angular' && /^angular\.element\b/.test(receiver.getText())) return true;
  if (isDirectiveElement(receiver)) return true;
  const base = unwrap(receiver);
  if (depth > 1 || !ts.isIdentifier(base)) return false;
  const def = definition(base);
  return def !== base && ts.isCallExpression(def) && isJqueryLike(def.expression, depth + 1);
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (r && !r.receiver && htmlParsers.has(r.name) && node.arguments[0])
    return checkDomValue(ctx, node, node.arguments[0], `${r.name}()`);
  if (!r?.receiver) return;
  const recvRoot = rootName(r.receiver);
  const jquery =
    (r.name === 'html' || r.name === 'add' || jqueryInserts.has(r.name)) &&
    isJqueryLike(r.receiver);
  if (r.name === 'insertAdjacentHTML' && node.arguments[1]) {
    checkDomValue(ctx, node, node.arguments[1], 'insertAdjacentHTML()');
  } else if (
    (r.name === 'write' || r.name === 'writeln') &&
    (recvRoot === 'document' || receiverName(r.receiver) === 'document') &&
    node.arguments[0]
  ) {
    checkDomValue(ctx, node, node.arguments[0], `document.${r.name}()`);
  } else if (r.name === 'html' && node.arguments[0] && jquery) {
    checkDomValue(ctx, node, node.arguments[0], '.html()');
  } else if (jqueryInserts.has(r.name) && node.arguments[0] && jquery) {
    const arg = node.arguments[0];
    const flow = ctx.flow(arg);
    if (flow.state === 'tainted') report(ctx, node, flow.taint.kind, flow, `.${r.name}()`, FIX_DOM);
    else if (flow.state === 'unknown' && !isElementValue(arg))
      report(ctx, node, 'unknown', flow, `.${r.name}()`, FIX_DOM);
  } else if (r.name === 'add' && node.arguments[0] && jquery) {
    // `.add(html)` parses markup too, but mostly takes selectors and elements: input only
    const flow = ctx.flow(node.arguments[0]);
    if (flow.state === 'tainted') report(ctx, node, flow.taint.kind, flow, '.add()', FIX_DOM);
  } else if (r.name === 'setProperty' && htmlProperty(node.arguments[1]) && node.arguments[2]) {
    // Angular's Renderer2: `renderer.setProperty(el, 'innerHTML', value)`
    checkDomValue(ctx, node, node.arguments[2], 'setProperty(innerHTML)');
  } else if (htmlParsers.has(r.name) && node.arguments[0]) {
    checkDomValue(ctx, node, node.arguments[0], `${r.name}()`);
  } else if (
    (r.name === 'send' || r.name === 'write' || r.name === 'end' || r.name === 'response') &&
    isResponseObject(r.receiver)
  ) {
    checkServerSend(node, r.name, ctx);
  } else if (r.name === 'html' && isHonoContext(r.receiver)) {
    checkServerSend(node, r.name, ctx);
  }
}

/** The literal `'innerHTML'` or `'outerHTML'`. */
function htmlProperty(arg: ts.Expression | undefined): boolean {
  const a = arg && unwrap(arg);
  return a !== undefined && ts.isStringLiteralLike(a) && /^(inner|outer)HTML$/.test(a.text);
}

/** Hono's context (`c.html(markup)`): the handler's `c`/`ctx`/`context` parameter. */
function isHonoContext(receiver: ts.Expression): boolean {
  const e = unwrap(receiver);
  return ts.isIdentifier(e) && /^(c|ctx|context)$/.test(e.text);
}

function checkAssignment(node: ts.BinaryExpression, ctx: RuleContext): void {
  const name = memberName(node.left);
  if (name === 'innerHTML' || name === 'outerHTML' || name === 'srcdoc') {
    checkDomValue(ctx, node, node.right, name);
    return;
  }
  if (name === 'body' && rootName(node.left) === 'ctx') {
    const flow = ctx.flow(node.right);
    const value = unwrap(node.right);
    if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return;
    if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
    if (flow.taint.source.startsWith('response')) return; // proxied upstream content
    if (htmlLike.test(producerText(node.right)) || htmlType.test(enclosingFunctionText(node))) {
      report(ctx, node, 'remote', flow, 'ctx.body', FIX_SERVER);
    }
  }
}

/** React props: flag input, or a component parameter; not a helper's return value or a constant. */
function checkReactHtml(
  ctx: RuleContext,
  node: ts.Node,
  value: ts.Expression,
  what = 'dangerouslySetInnerHTML',
): void {
  const flow = ctx.flow(value);
  const level = levelOf(flow);
  if (
    level === 'remote' ||
    level === 'local' ||
    (level === 'unknown' && derivesFromComponentInput(value, ctx))
  )
    report(ctx, node, level, flow, what, FIX_DOM);
}

function checkJsx(node: ts.JsxAttribute, ctx: RuleContext): void {
  if (!ts.isIdentifier(node.name)) return;
  const init = node.initializer;
  if (!init || !ts.isJsxExpression(init) || !init.expression) return;
  // `<iframe srcDoc={html} />`: the frame renders the string as a document
  if (node.name.text === 'srcDoc') return checkReactHtml(ctx, node, init.expression, 'srcDoc');
  if (node.name.text !== 'dangerouslySetInnerHTML') return;
  let obj = unwrap(init.expression);
  // `const markup = { __html: props.body }; … dangerouslySetInnerHTML={markup}`
  const def = ts.isIdentifier(obj) ? definition(obj) : obj;
  if (ts.isObjectLiteralExpression(def)) obj = def;
  if (ts.isObjectLiteralExpression(obj)) {
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === '__html') {
        checkReactHtml(ctx, node, p.initializer);
      }
    }
  } else checkReactHtml(ctx, node, markupArgument(obj) ?? obj);
}

export const xssRule: SecurityRule = {
  id: 'xss',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.JsxAttribute],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) checkCall(node, ctx);
    else if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
        node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
    )
      checkAssignment(node, ctx);
    else if (ts.isJsxAttribute(node)) checkJsx(node, ctx);
  },
};

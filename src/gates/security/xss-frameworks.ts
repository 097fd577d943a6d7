import ts from '../../lib/typescript.cjs';
import { isDirectiveViewValue } from './angular-directives.js';
import { isScopeValue } from './angular-scope.js';
import { derivesFromComponentInput } from './component-derived.js';
import { objectProperty, propertyNameText, receiverName, rootName, unwrap } from './ast.js';
import { chainOperands } from './binary-chain.js';
import { isEscapingSerialize } from './class-sanitizers.js';
import { reachesDomSink } from './dom-sink-uses.js';
import { definition, levelOf } from './rule-kit.js';
import { markupArgument } from './markup-helpers.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';
import { reportPropUrl } from './xss-url-props.js';

/**
 * XSS through framework escape hatches: Angular's `$sce.trustAs*` / `bypassSecurityTrust*` and a
 * disabled `$sce`, `angular.element(…).html()`, `$compile(markup)`, React's `dangerouslySetInnerHTML` in props
 * objects, `javascript:` URLs in JSX `href`/`src`, react-markdown with raw HTML enabled,
 * serialize-javascript's `unsafe` mode, and markup that opens a `<script>` around a variable.
 */

const FIX_TRUST =
  'Do not mark input as trusted: let Angular sanitize it (bind with [innerHTML] / ng-bind-html and $sanitize), or sanitize with DOMPurify first.';
const FIX_DOM =
  'Render text with textContent / React children; if HTML is required, sanitize it with DOMPurify.sanitize() first.';
const FIX_URL =
  "Allow only http(s) URLs: check new URL(value).protocol is 'http:' or 'https:' before rendering it as a link.";
const FIX_SCRIPT =
  'Never build <script> markup from values: pass data as JSON in a data- attribute or a <script type="application/json"> read with JSON.parse.';

const angularTrust =
  /^(trustAs(Html|Js|Css|Url|ResourceUrl)?|bypassSecurityTrust(Html|Script|Style|Url|ResourceUrl))$/;

const report = xssReporter('puts', '');

function checkValue(
  ctx: RuleContext,
  node: ts.Node,
  value: ts.Expression,
  what: string,
  fix: string,
): void {
  const flow = ctx.flow(value);
  const level = levelOf(flow);
  if (level !== 'none') report(ctx, node, level, flow, what, fix);
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r) return;
  const args = node.arguments;
  if (!r.receiver && (r.name === '$' || r.name === 'jQuery') && args[0]) {
    // $(location.hash): a string starting with "<" is parsed as HTML, not as a selector.
    const flow = ctx.flow(args[0]);
    if (flow.state === 'tainted') report(ctx, node, flow.taint.kind, flow, `${r.name}()`, FIX_DOM);
    return;
  }
  if (!r.receiver && r.name === '$compile' && args[0]) {
    // AngularJS $compile(markup)(scope): the markup is a template, its {{ }} run in the scope
    const flow = ctx.flow(args[0]);
    if (flow.state === 'tainted') report(ctx, node, flow.taint.kind, flow, '$compile()', FIX_DOM);
    // a template the view supplies ($scope, a directive's scope or attributes) is the user's too
    else if (flow.state === 'unknown' && (isScopeValue(args[0]) || isDirectiveViewValue(args[0])))
      report(ctx, node, 'unknown', flow, '$compile()', FIX_DOM);
    return;
  }
  if (r.name === 'parseHTML' && r.receiver && /^(\$|jQuery)$/.test(rootName(r.receiver) ?? '')) {
    if (args[0]) checkValue(ctx, node, args[0], '$.parseHTML()', FIX_DOM);
    return;
  }
  if ((r.name === 'compile' || r.name === 'precompile') && args[1]) {
    // Handlebars.compile(template, { noEscape: true }): every {{value}} is output raw
    const opts = unwrap(args[1]);
    const raw = ts.isObjectLiteralExpression(opts) ? objectProperty(opts, 'noEscape') : undefined;
    if (raw && unwrap(raw).kind === ts.SyntaxKind.TrueKeyword)
      report(ctx, node, 'unknown', { state: 'unknown' }, `${r.name}() with noEscape`, FIX_DOM);
    return;
  }
  if (r.receiver && angularTrust.test(r.name)) {
    const value = r.name === 'trustAs' ? args[1] : args[0];
    if (!value) return;
    // A component field is bound to the view (ngModel, @Input): its initializer is not its value.
    const v = unwrap(value);
    const field =
      ts.isPropertyAccessExpression(v) &&
      v.expression.kind === ts.SyntaxKind.ThisKeyword &&
      ctx.flow(v).state === 'constant';
    if (field) report(ctx, node, 'unknown', { state: 'unknown' }, `${r.name}()`, FIX_TRUST);
    else checkValue(ctx, node, value, `${r.name}()`, FIX_TRUST);
    return;
  }
  if (r.name === 'enabled' && /sceProvider$/.test(receiverName(r.receiver))) {
    const a = args[0] && unwrap(args[0]);
    if (a?.kind === ts.SyntaxKind.FalseKeyword)
      report(ctx, node, 'unknown', { state: 'unknown' }, '$sceProvider.enabled(false)', FIX_TRUST);
    return;
  }
  if (r.name === 'html' && r.receiver && rootName(r.receiver) === 'angular' && args[0]) {
    const flow = ctx.flow(args[0]);
    if (flow.state === 'tainted')
      report(ctx, node, flow.taint.kind, flow, 'angular.element().html()', FIX_DOM);
    return;
  }
  if ((r.module === 'serialize-javascript' || r.name === 'serialize') && args[1]) {
    const opts = unwrap(args[1]);
    const unsafe = ts.isObjectLiteralExpression(opts) ? objectProperty(opts, 'unsafe') : undefined;
    if (unsafe && unwrap(unsafe).kind === ts.SyntaxKind.TrueKeyword)
      report(
        ctx,
        node,
        'unknown',
        { state: 'unknown' },
        'serialize() with unsafe: true',
        FIX_SCRIPT,
      );
  }
}

/** `{ dangerouslySetInnerHTML: { __html: x } }` built as a props object for createElement. */
function checkPropsObject(node: ts.PropertyAssignment, ctx: RuleContext): void {
  if (propertyNameText(node.name) !== 'dangerouslySetInnerHTML') return;
  const obj = unwrap(node.initializer);
  const html = ts.isObjectLiteralExpression(obj)
    ? objectProperty(obj, '__html')
    : markupArgument(obj);
  if (!html) return;
  const flow = ctx.flow(html);
  const level = levelOf(flow);
  // Constants and sanitizer results are fine; a parameter (props) or input is not.
  if (
    level === 'remote' ||
    level === 'local' ||
    (level === 'unknown' && derivesFromComponentInput(html, ctx))
  )
    report(ctx, node, level, flow, 'dangerouslySetInnerHTML', FIX_DOM);
}

/** Elements whose `src` runs or frames what it loads (an image's `javascript:` src runs nothing). */
const frameTags = new Set(['iframe', 'frame', 'embed', 'script']);

/** Attributes a `javascript:` URL runs from: links, form targets, frames, `<object data>`. */
function isUrlAttribute(name: string, tag: string): boolean {
  if (name === 'href' || name === 'src' || name === 'formAction') return true;
  return (name === 'action' && tag === 'form') || (name === 'data' && tag === 'object');
}

function checkJsxAttribute(node: ts.JsxAttribute, ctx: RuleContext): void {
  const name = ts.isIdentifier(node.name) ? node.name.text : '';
  const tag = node.parent.parent;
  const tagName = ts.isJsxOpeningLikeElement(tag) ? tag.tagName.getText() : '';
  if (/markdown/i.test(tagName)) {
    const init = node.initializer;
    const value =
      init && ts.isJsxExpression(init) && init.expression ? unwrap(init.expression) : undefined;
    const raw =
      (name === 'allowDangerousHtml' && (!init || value?.kind === ts.SyntaxKind.TrueKeyword)) ||
      (name === 'escapeHtml' && value?.kind === ts.SyntaxKind.FalseKeyword) ||
      (name === 'rehypePlugins' && /rehypeRaw|rehype-raw/.test(init?.getText() ?? ''));
    if (raw) report(ctx, node, 'unknown', { state: 'unknown' }, `<${tagName} ${name}>`, FIX_DOM);
    return;
  }
  const init = node.initializer;
  if (!init || !ts.isJsxExpression(init) || !init.expression) return;
  if (name === 'srcDoc') {
    // <iframe srcDoc={…}> renders its value as a whole HTML document of the page's origin
    const doc = ctx.flow(init.expression);
    if (doc.state === 'tainted')
      report(ctx, node, doc.taint.kind, doc, '<iframe srcDoc={…}>', FIX_DOM);
    return;
  }
  if (!isUrlAttribute(name, tagName)) return;
  const flow = ctx.flow(init.expression);
  if (flow.state === 'tainted')
    report(
      ctx,
      node,
      flow.taint.kind,
      flow,
      `${name}={…} (a javascript: URL runs script)`,
      FIX_URL,
    );
  else if (
    flow.state === 'unknown' &&
    (name !== 'src' || frameTags.has(tagName)) &&
    derivesFromComponentInput(init.expression, ctx)
  )
    reportPropUrl(node, `${name}={…}`, init.expression, ctx);
}

/** Text and spliced values of a template literal or `+` chain, in source order. */
function pieces(node: ts.BinaryExpression | ts.TemplateExpression): (string | ts.Expression)[] {
  if (ts.isBinaryExpression(node))
    return chainOperands(node, (b) => b.operatorToken.kind === ts.SyntaxKind.PlusToken).map((p) =>
      ts.isStringLiteralLike(p) ? p.text : p,
    );
  const out: (string | ts.Expression)[] = [node.head.text];
  for (const s of node.templateSpans) out.push(s.expression, s.literal.text);
  return out;
}

/**
 * The values spliced inside a `<script>` element, its tag included (`<script src="${x}">`): the
 * constant text before them opens a `<script` it has not closed. Values elsewhere in a page that
 * also holds a script are markup values, for the markup rules.
 */
function scriptValues(node: ts.BinaryExpression | ts.TemplateExpression): ts.Expression[] {
  let text = '';
  const out: ts.Expression[] = [];
  for (const p of pieces(node)) {
    if (typeof p === 'string') text += p.toLowerCase();
    else if (text.lastIndexOf('<script') > text.lastIndexOf('</script')) out.push(p);
  }
  return out;
}

/** serialize-javascript output (in place or in its variable): escaped for a `<script>` element. */
function serializedForScript(value: ts.Expression, ctx: RuleContext): boolean {
  const d = definition(value);
  if (!ts.isCallExpression(d)) return false;
  const r = ctx.resolveCall(d);
  return r !== undefined && isEscapingSerialize(r, d);
}

/** `'<script>' + x + '</script>'`: a value spliced into script markup. */
function checkScriptMarkup(
  node: ts.BinaryExpression | ts.TemplateExpression,
  ctx: RuleContext,
): void {
  if (
    ts.isBinaryExpression(node.parent) &&
    node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken
  )
    return;
  const open = scriptValues(node).find(
    (p) => levelOf(ctx.flow(p)) !== 'none' && !serializedForScript(p, ctx),
  );
  if (!open || reachesDomSink(node)) return;
  const flow = ctx.flow(open);
  report(ctx, node, levelOf(flow), flow, 'Script markup built with a value', FIX_SCRIPT);
}

/**
 * `['<li>', name, '</li>'].join('')`: markup assembled from input, reported where it is
 * assembled when the result is not handed straight to an HTML sink (which reports it itself).
 */
function checkMarkupJoin(node: ts.CallExpression, ctx: RuleContext): void {
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return;
  const list = unwrap(callee.expression);
  if (!ts.isArrayLiteralExpression(list)) return;
  const markup = list.elements.some((e) => ts.isStringLiteralLike(e) && /<[a-zA-Z!/]/.test(e.text));
  if (!markup || ts.isCallExpression(node.parent)) return;
  const p = node.parent;
  const target = ts.isBinaryExpression(p) && p.right === node ? unwrap(p.left) : undefined;
  const sink = target && ts.isPropertyAccessExpression(target) ? target.name.text : '';
  if (sink === 'innerHTML' || sink === 'outerHTML' || reachesDomSink(node)) return;
  for (const e of list.elements) {
    if (ts.isStringLiteralLike(e)) continue;
    const flow = ctx.flow(e);
    if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') continue;
    report(ctx, node, 'remote', flow, 'HTML markup joined from input', FIX_DOM);
    return;
  }
}

/** `new Handlebars.SafeString(x)`: marks `x` as HTML that templates output unescaped. */
function checkSafeString(node: ts.NewExpression, ctx: RuleContext): void {
  const callee = unwrap(node.expression);
  const name = ts.isPropertyAccessExpression(callee)
    ? callee.name.text
    : ts.isIdentifier(callee)
      ? callee.text
      : '';
  const arg = node.arguments?.[0];
  if (name !== 'SafeString' || !arg) return;
  const flow = ctx.flow(arg);
  const level = levelOf(flow);
  if (level !== 'none') report(ctx, node, level, flow, 'new SafeString()', FIX_DOM);
}

export const xssFrameworksRule: SecurityRule = {
  id: 'xss-frameworks',
  kinds: [
    ts.SyntaxKind.CallExpression,
    ts.SyntaxKind.PropertyAssignment,
    ts.SyntaxKind.JsxAttribute,
    ts.SyntaxKind.BinaryExpression,
    ts.SyntaxKind.TemplateExpression,
    ts.SyntaxKind.NewExpression,
  ],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) {
      checkCall(node, ctx);
      checkMarkupJoin(node, ctx);
    } else if (ts.isNewExpression(node)) checkSafeString(node, ctx);
    else if (ts.isPropertyAssignment(node)) checkPropsObject(node, ctx);
    else if (ts.isJsxAttribute(node)) checkJsxAttribute(node, ctx);
    else if (
      (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
      ts.isTemplateExpression(node)
    )
      checkScriptMarkup(node, ctx);
  },
};

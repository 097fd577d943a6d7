import ts from '../../lib/typescript.cjs';
import { isScopeValue } from './angular-scope.js';
import { objectProperty, propertyNameText, receiverName, unwrap } from './ast.js';
import { buildingNode } from './html-building.js';
import { levelOf } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * XSS through configuration that switches escaping off: AngularJS resource-URL allow-lists of
 * `**`, angular-translate without a sanitize strategy, Angular `sanitize(SecurityContext.NONE, …)`,
 * Monaco markdown with `supportHtml`, and serverless responses declared `text/html` whose body is
 * input.
 */

const FIX_ANGULAR =
  'Keep Angular/AngularJS escaping on: list exact trusted origins, use the "sanitize" / "escape" strategy, and sanitize with a real SecurityContext (HTML, URL…).';
const FIX_HTML =
  'Escape input before putting it into an HTML response body (or answer with JSON / text/plain).';

const report = xssReporter('unescaped', FIX_ANGULAR);

const UNKNOWN: Flow = { state: 'unknown' };

/** `$sceDelegateProvider.resourceUrlWhitelist(['self', '**'])`: any origin may serve templates. */
function checkResourceList(node: ts.CallExpression, ctx: RuleContext): void {
  const list = node.arguments[0] && unwrap(node.arguments[0]);
  if (!list || !ts.isArrayLiteralExpression(list)) return;
  const wildcard = list.elements.some(
    (e) => ts.isStringLiteralLike(e) && /^(\*\*|[a-z]+:\/\/\*\*)$/.test(e.text),
  );
  if (wildcard) report(ctx, node, 'unknown', UNKNOWN, 'A resource URL allow-list of "**"');
}

/** `$translateProvider.useSanitizeValueStrategy(null)`: translations interpolate raw values. */
function checkTranslateStrategy(node: ts.CallExpression, ctx: RuleContext): void {
  const a = node.arguments[0] && unwrap(node.arguments[0]);
  const none =
    !a ||
    a.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(a) && a.text === 'undefined') ||
    (ts.isStringLiteralLike(a) && a.text === '');
  if (none) report(ctx, node, 'unknown', UNKNOWN, 'angular-translate without a sanitize strategy');
}

/**
 * `$translateProvider.translations(lang, table)`: translation texts are HTML templates that
 * angular-translate renders (raw without a sanitize strategy); a table from input, or from the
 * view's `$scope`, lets it write markup.
 */
function checkTranslationTable(node: ts.CallExpression, ctx: RuleContext): void {
  const table = node.arguments[node.arguments.length - 1];
  if (!table) return;
  const flow = ctx.flow(table);
  const level = levelOf(flow);
  if (level === 'remote' || level === 'local')
    report(ctx, node, level, flow, 'angular-translate translations');
  else if (isScopeValue(table))
    report(ctx, node, 'unknown', UNKNOWN, 'angular-translate translations from $scope');
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r?.receiver) return;
  if (/^(resourceUrlWhitelist|trustedResourceUrlList)$/.test(r.name))
    return checkResourceList(node, ctx);
  if (r.name === 'useSanitizeValueStrategy') return checkTranslateStrategy(node, ctx);
  if (r.name === 'translations' && /translateProvider$/.test(receiverName(r.receiver)))
    return checkTranslationTable(node, ctx);
  const [context, value] = node.arguments;
  if (r.name === 'sanitize' && value && context && /\.NONE$/.test(context.getText())) {
    const flow = ctx.flow(value);
    const level = levelOf(flow);
    if (level !== 'none') report(ctx, node, level, flow, 'sanitize(SecurityContext.NONE, …)');
  }
}

/** `new MarkdownString(value, { supportHtml: true })`: raw HTML in the markdown is rendered. */
function checkMarkdownString(node: ts.NewExpression, ctx: RuleContext): void {
  const callee = unwrap(node.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
  const [value, opts] = node.arguments ?? [];
  if (name !== 'MarkdownString' || !value || !opts) return;
  const o = unwrap(opts);
  const html = ts.isObjectLiteralExpression(o) ? objectProperty(o, 'supportHtml') : undefined;
  if (!html || unwrap(html).kind !== ts.SyntaxKind.TrueKeyword) return;
  const flow = ctx.flow(value);
  const level = levelOf(flow);
  if (level !== 'none') report(ctx, node, level, flow, 'MarkdownString with supportHtml');
}

/** `{ value: markdown, supportHtml: true }` (Monaco's IMarkdownString): raw HTML is rendered. */
function checkMarkdownObject(node: ts.PropertyAssignment, ctx: RuleContext): void {
  if (propertyNameText(node.name) !== 'supportHtml') return;
  if (unwrap(node.initializer).kind !== ts.SyntaxKind.TrueKeyword) return;
  const value = ts.isObjectLiteralExpression(node.parent)
    ? objectProperty(node.parent, 'value')
    : undefined;
  if (!value) return;
  const flow = ctx.flow(value);
  const level = levelOf(flow);
  if (level !== 'none') report(ctx, node.parent, level, flow, 'Markdown with supportHtml');
}

/** The object literal declares `headers: { 'Content-Type': 'text/html…' }`. */
function declaresHtml(obj: ts.ObjectLiteralExpression): boolean {
  const headers = objectProperty(obj, 'headers');
  const h = headers && unwrap(headers);
  if (!h || !ts.isObjectLiteralExpression(h)) return false;
  return h.properties.some(
    (p) =>
      ts.isPropertyAssignment(p) &&
      propertyNameText(p.name)?.toLowerCase() === 'content-type' &&
      /text\/html/i.test(p.initializer.getText()),
  );
}

/** `{ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: event.body }`. */
function checkHtmlBody(node: ts.PropertyAssignment, ctx: RuleContext): void {
  if (propertyNameText(node.name) !== 'body') return;
  const obj = node.parent;
  if (!ts.isObjectLiteralExpression(obj) || !declaresHtml(obj)) return;
  const flow = ctx.flow(node.initializer);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  // `body: html` after `const html = \`<p>${event.x}</p>\``: reported once, where it is built
  const at = ts.isIdentifier(unwrap(node.initializer))
    ? buildingNode(unwrap(node.initializer), node, ctx)
    : node;
  report(ctx, at, 'remote', flow, 'An HTML response body', FIX_HTML);
}

export const xssConfigRule: SecurityRule = {
  id: 'xss-config',
  kinds: [
    ts.SyntaxKind.CallExpression,
    ts.SyntaxKind.NewExpression,
    ts.SyntaxKind.PropertyAssignment,
  ],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) checkCall(node, ctx);
    else if (ts.isNewExpression(node)) checkMarkdownString(node, ctx);
    else if (ts.isPropertyAssignment(node)) {
      checkHtmlBody(node, ctx);
      checkMarkdownObject(node, ctx);
    }
  },
};

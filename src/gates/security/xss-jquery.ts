import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, unwrap } from './ast.js';
import { constantPrefix, hasFixedHost, levelOf, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { isJqueryLike } from './xss.js';
import { xssReporter } from './xss-report.js';

/**
 * jQuery's other doors into the page, beside the inserting methods (xss.ts):
 * `.attr('href' | 'onclick', v)` and `.prop('innerHTML', v)` as `setAttribute` and
 * `innerHTML` are judged, `$('<div>', { html: v })`, `.load(url)` (inserts the fetched HTML
 * and runs its scripts), and `$.globalEval(code)` / `$.getScript(url)`, which run code.
 */

const FIX =
  'Set text with .text(), validate URLs to http(s) before .attr(), and never pass input to $.globalEval/$.getScript or .load().';
const urlAttrs = /^(href|src|action|formaction|xlink:href)$/i;
const htmlProps = /^(innerHTML|outerHTML|srcdoc)$/;
const jqueryRoots = /^(\$|jQuery)$/;
/** Methods whose argument is a target: a selector, an element, or markup that jQuery parses. */
const targetTakers = new Set([
  'appendTo',
  'prependTo',
  'insertAfter',
  'insertBefore',
  'replaceAll',
]);

const report = xssReporter('is-set', FIX);

function checkAttr(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const [key, value] = call.arguments;
  const attr = key && ctx.constString(key);
  if (attr === undefined || !value) return;
  const flow = ctx.flow(value);
  const remote = flow.state === 'tainted' && flow.taint.kind === 'remote';
  if (/^on/i.test(attr) || htmlProps.test(attr)) {
    const level = levelOf(flow);
    if (level !== 'none') report(ctx, call, level, flow, `.${name}('${attr}')`);
  } else if (urlAttrs.test(attr) && remote)
    report(ctx, call, 'remote', flow, `.${name}('${attr}')`);
}

/** `$.globalEval(code)`, `$.getScript(url)`: jQuery runs the string (or the fetched file) as script. */
function checkRunsCode(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const [arg] = call.arguments;
  const flow = arg && ctx.flow(arg);
  if (!flow || flow.state !== 'tainted') return;
  if (name === 'getScript' && fixedOrigin(arg, ctx)) return;
  ctx.report(call, {
    rule: 'code-injection',
    cwe: name === 'globalEval' ? 'CWE-95' : 'CWE-94',
    severity: flow.taint.kind === 'remote' ? 'high' : 'medium',
    message: `$.${name}() runs ${name === 'globalEval' ? 'code' : 'the script at a URL'} taken from ${sourceText(flow)}.`,
    fix: FIX,
  });
}

/** `'/plugins/' + name`, `https://cdn.example.com/${x}`: input picks a file, not the origin. */
function fixedOrigin(url: ts.Expression, ctx: RuleContext): boolean {
  return hasFixedHost(constantPrefix(url, ctx));
}

export const xssJqueryRule: SecurityRule = {
  id: 'xss-jquery',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    const c = calleeOf(node);
    if (!c) return;
    if (!c.receiver) {
      // $('<div/>', { html: value })
      const props = node.arguments[1] && unwrap(node.arguments[1]);
      const html = props && ts.isObjectLiteralExpression(props) && objectProperty(props, 'html');
      if (!jqueryRoots.test(c.name) || !html) return;
      const flow = ctx.flow(html);
      if (flow.state === 'tainted') report(ctx, node, flow.taint.kind, flow, '$(…, { html })');
      return;
    }
    if (
      (c.name === 'globalEval' || c.name === 'getScript') &&
      jqueryRoots.test(c.receiver.getText())
    )
      return checkRunsCode(node, c.name, ctx);
    if (!isJqueryLike(c.receiver)) return;
    if (c.name === 'attr' || c.name === 'prop') return checkAttr(node, c.name, ctx);
    if (targetTakers.has(c.name) && node.arguments[0]) {
      // `.appendTo(target)`: a target string that starts with "<" is parsed as HTML
      const flow = ctx.flow(node.arguments[0]);
      if (flow.state === 'tainted') report(ctx, node, flow.taint.kind, flow, `.${c.name}() target`);
      return;
    }
    if (c.name === 'load' && node.arguments[0] && !fixedOrigin(node.arguments[0], ctx)) {
      const flow = ctx.flow(node.arguments[0]);
      if (flow.state === 'tainted' && flow.taint.kind === 'remote')
        report(ctx, node, 'remote', flow, '.load() URL');
    }
  },
};

import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { isResponseObject, remoteOnly, sourceText } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

/**
 * Express `res.render(view, locals)` with input in the wrong place:
 * - the view name: the engine loads and runs any template file the path reaches (CWE-22);
 * - the whole locals object: ejs, pug and hbs read engine options from it (`settings`,
 *   `outputFunctionName`, `client`, `layout`), and input there has run code on the server
 *   (ejs CVE-2022-29078). Named fields (`{ name: req.query.name }`) are ordinary data.
 */

/** The locals object, or a spread in it, that is an input object as a whole. */
function wholeInput(locals: ts.Expression, ctx: RuleContext): Flow | undefined {
  const e = unwrap(locals);
  const parts = ts.isObjectLiteralExpression(e)
    ? e.properties.filter(ts.isSpreadAssignment).map((p) => p.expression)
    : [e];
  for (const p of parts) {
    const f = remoteOnly(ctx.flow(p));
    if (f?.state === 'tainted' && f.taint.maybeObject) return f;
  }
  return undefined;
}

function checkView(call: ts.CallExpression, view: ts.Expression, ctx: RuleContext): void {
  const flow = remoteOnly(ctx.flow(view));
  if (!flow) return;
  ctx.report(call, {
    rule: 'path-traversal',
    cwe: 'CWE-22',
    severity: 'high',
    message: `render() loads a view named by ${sourceText(flow)}: "../" reaches any template file, which then runs on the server.`,
    fix: 'Map the input to a view name from a fixed list (const views = { home: "home", faq: "faq" }).',
  });
}

function checkLocals(call: ts.CallExpression, locals: ts.Expression, ctx: RuleContext): void {
  const flow = wholeInput(locals, ctx);
  if (!flow) return;
  ctx.report(call, {
    rule: 'template-injection',
    cwe: 'CWE-1336',
    severity: 'high',
    message: `render() takes its locals from ${sourceText(flow)} as a whole: template engines read options (settings, outputFunctionName, layout) from them, and input there runs code on the server.`,
    fix: 'Pass the fields the view needs by name (res.render("page", { q: String(req.query.q) })).',
  });
}

export const viewRenderRule: SecurityRule = {
  id: 'view-render',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    const c = calleeOf(node);
    if (c?.name !== 'render' || !isResponseObject(c.receiver)) return;
    const [view, locals] = node.arguments;
    if (view) checkView(node, view, ctx);
    if (locals) checkLocals(node, locals, ctx);
  },
};

import ts from '../../lib/typescript.cjs';
import { isStringBuilding, objectProperty, propertyNameText, unwrap } from './ast.js';
import { definition, levelOf } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * Web-standard responses (Next.js route handlers, Hono, Deno, Bun, Workers):
 * `new Response(body, { headers: { 'Content-Type': 'text/html' } })` renders `body` as a page.
 * Markup built in place (`'<p>' + x`) is reported where it is built (xss-markup.ts).
 */

const FIX =
  'Escape input before putting it into HTML (an escapeHtml() helper or a template engine with auto-escaping), or answer with Response.json() / text/plain.';
const responses = /^(Response|NextResponse)$/;
const tag = /<[a-zA-Z!/]/;

const report = xssReporter('renders', FIX);

/** The init object sets an HTML content type: `{ headers: { 'content-type': 'text/html' } }`. */
function declaresHtml(init: ts.Expression | undefined, ctx: RuleContext): boolean {
  const i = init && definition(init);
  if (!i || !ts.isObjectLiteralExpression(i)) return false;
  const headers = objectProperty(i, 'headers');
  const h = headers && definition(headers);
  if (!h || !ts.isObjectLiteralExpression(h)) return false;
  return h.properties.some(
    (p) =>
      ts.isPropertyAssignment(p) &&
      /^content-type$/i.test(propertyNameText(p.name) ?? '') &&
      /text\/html/i.test(ctx.constString(p.initializer) ?? ''),
  );
}

export const xssResponseRule: SecurityRule = {
  id: 'xss-response',
  kinds: [ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (!ts.isNewExpression(node)) return;
    const callee = unwrap(node.expression);
    if (!ts.isIdentifier(callee) || !responses.test(callee.text)) return;
    const [body, init] = node.arguments ?? [];
    if (!body || !declaresHtml(init, ctx)) return;
    if (isStringBuilding(body) && tag.test(body.getText())) return;
    const flow = ctx.flow(body);
    if (flow.state === 'tainted' && levelOf(flow) === 'remote')
      report(ctx, node, 'remote', flow, 'The text/html Response');
  },
};

import ts from '../../lib/typescript.cjs';
import { objectProperty, unwrap } from './ast.js';
import { sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * A headless browser connected to an endpoint from input: `puppeteer.connect({ browserURL })`,
 * `{ browserWSEndpoint }`, playwright's `chromium.connect(wsEndpoint)` / `connectOverCDP(url)`.
 * The server opens a DevTools connection to a host the client chooses (SSRF), and drives
 * whatever answers there.
 */

const browserModules = /^(puppeteer(-core)?|playwright(-core|-chromium|-firefox|-webkit)?)$/;
const endpointOptions = ['browserURL', 'browserWSEndpoint', 'wsEndpoint', 'endpointURL'];

function endpointOf(call: ts.CallExpression): ts.Expression | undefined {
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first) return undefined;
  if (!ts.isObjectLiteralExpression(first)) return first;
  for (const name of endpointOptions) {
    const v = objectProperty(first, name);
    if (v) return v;
  }
  return undefined;
}

function check(call: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(call);
  if (!r || (r.name !== 'connect' && r.name !== 'connectOverCDP')) return;
  if (!browserModules.test(r.module ?? '')) return;
  const endpoint = endpointOf(call);
  const flow = endpoint && ctx.flow(endpoint);
  if (!flow || flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  ctx.report(call, {
    rule: 'ssrf',
    cwe: 'CWE-918',
    severity: 'high',
    message: `${r.name}() opens a browser connection to an endpoint taken from ${sourceText(flow)}.`,
    fix: 'Connect only to browser endpoints from configuration, never to an address a client sends.',
  });
}

export const browserConnectRule: SecurityRule = {
  id: 'browser-connect',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) check(node, ctx);
  },
};

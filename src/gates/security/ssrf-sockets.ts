import ts from '../../lib/typescript.cjs';
import { objectProperty, unwrap } from './ast.js';
import { sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * SSRF below HTTP: raw TCP/TLS connections (`net.connect(port, host)`, `tls.connect({ host })`,
 * `net.createConnection(…)`) and WebSocket clients (`new WebSocket(url)` from `ws`) opened to a
 * host or URL taken from a remote request. Like HTTP clients (ssrf.ts), only remote input is
 * reported: a server connecting where its configuration says is its job.
 */

const FIX =
  'Do not let input choose where the server connects: map it to a configured host (an allow-list of names), and refuse internal and link-local addresses.';
const socketModules = new Set(['net', 'tls']);
const connectors = new Set(['connect', 'createConnection']);
const wsModules = new Set(['ws', 'isomorphic-ws', 'reconnecting-websocket']);

/** The host of `connect(port, host)`, `connect(path)`, `connect({ host, port })`. */
function targetOf(args: readonly ts.Expression[]): ts.Expression | undefined {
  const [first, second] = args;
  if (!first) return undefined;
  const o = unwrap(first);
  if (ts.isObjectLiteralExpression(o))
    return objectProperty(o, 'host') ?? objectProperty(o, 'hostname') ?? objectProperty(o, 'path');
  return second !== undefined && !ts.isFunctionLike(unwrap(second)) ? second : first;
}

function report(node: ts.Node, what: string, value: ts.Expression, ctx: RuleContext): void {
  const flow = ctx.flow(value);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  ctx.report(node, {
    rule: 'ssrf',
    cwe: 'CWE-918',
    severity: 'high',
    message: `${what} connects to a host chosen by ${sourceText(flow)}: it can reach internal services.`,
    fix: FIX,
  });
}

export const ssrfSocketsRule: SecurityRule = {
  id: 'ssrf-sockets',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) {
      const r = ctx.resolveCall(node);
      if (!r || !connectors.has(r.name) || !socketModules.has(r.module ?? '')) return;
      const target = targetOf(node.arguments);
      if (target) report(node, `${r.module ?? ''}.${r.name}()`, target, ctx);
    } else if (ts.isNewExpression(node)) {
      const callee = unwrap(node.expression);
      const url = node.arguments?.[0];
      if (!ts.isIdentifier(callee) || !url) return;
      if (wsModules.has(ctx.moduleOf(callee.text) ?? '')) report(node, 'new WebSocket()', url, ctx);
    }
  },
};

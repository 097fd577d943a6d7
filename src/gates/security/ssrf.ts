import ts from 'typescript';
import { objectProperty, receiverName, unwrap } from './ast.js';
import { constantPrefix, definition, hasFixedHost, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

const clients = new Set([
  'axios',
  'got',
  'request',
  'needle',
  'superagent',
  'ky',
  'undici',
  'node-fetch',
  'cross-fetch',
  'http',
  'https',
  'phin',
  'bent',
]);
const verbs = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'request',
  'options',
  'stream',
]);
const FIX =
  'Do not let input choose the URL: build it from a fixed base (https://api.example.com/…) with encodeURIComponent() for path parts, or check new URL(input).hostname against an allow-list (a Set) before requesting.';

/** The URL argument of an HTTP client call, if this is one. */
function urlArgument(call: ts.CallExpression, ctx: RuleContext): ts.Expression | undefined {
  const r = ctx.resolveCall(call);
  if (!r) return undefined;
  const recv = receiverName(r.receiver);
  const first = call.arguments[0];
  if (
    r.name === 'fetch' &&
    (!r.receiver || recv === 'window' || recv === 'globalThis' || recv === 'undici')
  )
    return first;
  const client =
    clients.has(r.module ?? '') || clients.has(recv) || (!r.receiver && clients.has(r.name));
  if (!client) return undefined;
  if (r.receiver && !verbs.has(r.name)) return undefined;
  if (r.name === 'needle' && !r.receiver) return call.arguments[1];
  return first;
}

function isSafeUrl(expr: ts.Expression, ctx: RuleContext): boolean {
  const e = definition(expr);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL') {
    const [path, base] = e.arguments ?? [];
    if (
      path &&
      base &&
      ctx.constString(base) !== undefined &&
      /^\/[^/\\]/.test(constantPrefix(path, ctx))
    )
      return true;
    return path ? isSafeUrl(path, ctx) : true;
  }
  return hasFixedHost(constantPrefix(e, ctx));
}

function check(call: ts.CallExpression, ctx: RuleContext): void {
  const arg = urlArgument(call, ctx);
  if (!arg) return;
  let urlExpr = arg;
  const a = unwrap(arg);
  if (ts.isObjectLiteralExpression(a)) {
    const u =
      objectProperty(a, 'url') ??
      objectProperty(a, 'uri') ??
      objectProperty(a, 'hostname') ??
      objectProperty(a, 'host');
    if (!u) return;
    const base = objectProperty(a, 'baseURL');
    if (base && ctx.constString(base) !== undefined && /^\/[^/\\]/.test(constantPrefix(u, ctx)))
      return;
    urlExpr = u;
  }
  const flow = ctx.flow(urlExpr);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  if (isSafeUrl(urlExpr, ctx)) return;
  ctx.report(call, {
    rule: 'ssrf',
    cwe: 'CWE-918',
    severity: 'high',
    message: `The server requests a URL controlled by ${sourceText(flow)}: it can be pointed at internal services (169.254.169.254, localhost, …).`,
    fix: FIX,
  });
}

export const ssrfRule: SecurityRule = {
  id: 'ssrf',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) check(node, ctx);
  },
};

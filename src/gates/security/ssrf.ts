import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, receiverName, requiredModule, unwrap } from './ast.js';
import { leftLinks } from './binary-chain.js';
import { normalizeModule } from './imports.js';
import { constantPrefix, definition, hasFixedHost, sourceText } from './rule-kit.js';
import { configObject, configTarget } from './request-config.js';
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
  'ofetch',
  'make-fetch-happen',
  'request-promise',
  'request-promise-native',
  'urllib',
  'wreck',
  '@hapi/wreck',
  'simple-get',
  'isomorphic-fetch',
  'follow-redirects',
  'http2',
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
  'curl',
  'connect',
  'concat',
  'paginate',
]);
const FIX =
  'Do not let input choose the URL: build it from a fixed base (https://api.example.com/…) with encodeURIComponent() for path parts, or check new URL(input).hostname against an allow-list (a Set) before requesting.';

const instanceFactories = new Set(['create', 'extend', 'defaults']);

/**
 * The HTTP client module an expression holds: an import (`https`), `require('got')`, a local
 * alias (`const client = isTls ? https : http`) or an instance (`axios.create(…)`, `got.extend(…)`).
 */
function clientModule(expr: ts.Expression, ctx: RuleContext, depth = 0): string | undefined {
  const e = unwrap(expr);
  if (depth > 3) return undefined;
  if (ts.isConditionalExpression(e)) {
    const a = clientModule(e.whenTrue, ctx, depth + 1);
    return a && clients.has(a) ? a : clientModule(e.whenFalse, ctx, depth + 1);
  }
  const req = requiredModule(e);
  if (req !== undefined) return normalizeModule(req);
  if (ts.isIdentifier(e)) {
    const m = ctx.moduleOf(e.text);
    if (m !== undefined) return m;
    const def = definition(e);
    return def === e ? undefined : clientModule(def, ctx, depth + 1);
  }
  if (ts.isCallExpression(e)) {
    const c = calleeOf(e);
    if (c?.receiver && instanceFactories.has(c.name))
      return clientModule(c.receiver, ctx, depth + 1);
  }
  return undefined;
}

/** `this.httpService.get(url)` with NestJS's axios wrapper. */
function isNestHttp(receiver: ts.Expression, ctx: RuleContext): boolean {
  const e = unwrap(receiver);
  return (
    ts.isPropertyAccessExpression(e) &&
    e.expression.kind === ts.SyntaxKind.ThisKeyword &&
    /http/i.test(e.name.text) &&
    ctx.moduleOf('HttpService') === '@nestjs/axios'
  );
}

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
  if (r.name === 'goto' && /^(page|tab|browserPage)$/i.test(recv)) return first; // headless browser
  // Next.js middleware: a rewrite to an absolute URL is proxied by the server; one to a path of
  // the request's own URL (`new URL('/login', req.url)`, the documented idiom) stays in the app
  if (r.name === 'rewrite' && recv === 'NextResponse')
    return first && !ownPath(first, ctx) ? first : undefined;
  const mod = r.receiver ? clientModule(r.receiver, ctx) : r.module;
  const client =
    clients.has(r.module ?? '') ||
    clients.has(mod ?? '') ||
    clients.has(recv) ||
    (!r.receiver && clients.has(r.name)) ||
    (r.receiver !== undefined && isNestHttp(r.receiver, ctx));
  if (!client) return undefined;
  if (r.receiver && !verbs.has(r.name)) return undefined;
  // needle(method, url, …) and needle.request(method, url, …)
  if (r.name === 'needle' && !r.receiver) return call.arguments[1];
  if (r.name === 'request' && (mod ?? r.module) === 'needle') return call.arguments[1];
  return first;
}

/** `new URL('/path' + rest, base)`: a path that starts with a constant segment, against a base. */
function ownPath(expr: ts.Expression, ctx: RuleContext): boolean {
  const e = definition(expr);
  if (!ts.isNewExpression(e) || e.expression.getText() !== 'URL') return false;
  const [path, base] = e.arguments ?? [];
  return base !== undefined && path !== undefined && /^\/[^/\\]/.test(constantPrefix(path, ctx));
}

function isSafeUrl(expr: ts.Expression, ctx: RuleContext): boolean {
  const e = definition(expr);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL') {
    const [path, base] = e.arguments ?? [];
    // a path relative to the base (`new URL('/api', base)`) goes to the base's host
    if (path && base && /^(\/[^/\\]|\.\.?\/)/.test(constantPrefix(path, ctx))) {
      const b = ctx.flow(base);
      return !(b.state === 'tainted' && b.taint.kind === 'remote') || isSafeUrl(base, ctx);
    }
    return path ? isSafeUrl(path, ctx) : true;
  }
  return hasFixedHost(constantPrefix(e, ctx)) || hasConfiguredBase(e, ctx);
}

/** `a + b + c` → `[a, b, c]` (the first unwrapped), going down the left side in a loop. */
function concatParts(e: ts.Expression): ts.Expression[] {
  const u = unwrap(e);
  if (!ts.isBinaryExpression(u)) return [u];
  const links = leftLinks(u, (k) => k === ts.SyntaxKind.PlusToken);
  const innermost = links[links.length - 1];
  if (!innermost) return [u];
  return [unwrap(innermost.left), ...links.reverse().map((l) => l.right)];
}

/** `${config.apiBase}/users/${id}`: the host comes from configuration, input only fills the path. */
function hasConfiguredBase(e: ts.Expression, ctx: RuleContext): boolean {
  let base: ts.Expression | undefined;
  let rest: string | undefined;
  if (ts.isTemplateExpression(e) && e.head.text === '' && e.templateSpans[0]) {
    base = e.templateSpans[0].expression;
    rest = e.templateSpans[0].literal.text;
  } else {
    const [first, second] = concatParts(e);
    if (first && second && first !== e) {
      base = first;
      rest = ctx.constString(second);
    }
  }
  if (!base || rest === undefined || !/^[/?]/.test(rest) || rest.startsWith('//')) return false;
  const f = ctx.flow(base);
  return !(f.state === 'tainted' && f.taint.kind === 'remote');
}

function check(call: ts.CallExpression, ctx: RuleContext): void {
  const arg = urlArgument(call, ctx);
  if (!arg) return;
  let urlExpr = arg;
  const a = configObject(arg);
  if (a) {
    const u = configTarget(a);
    if (!u) return;
    const base = objectProperty(a, 'baseURL');
    if (base && ctx.constString(base) !== undefined && /^\/[^/\\]/.test(constantPrefix(u, ctx)))
      return;
    urlExpr = u;
  }
  const flow = ctx.flow(urlExpr);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote' || isSafeUrl(urlExpr, ctx)) {
    checkConfigBase(call, ctx);
    return;
  }
  ctx.report(call, {
    rule: 'ssrf',
    cwe: 'CWE-918',
    severity: 'high',
    message: `The server requests a URL controlled by ${sourceText(flow)}: it can be pointed at internal services (169.254.169.254, localhost, …).`,
    fix: FIX,
  });
}

/**
 * `axios.get('/users', { baseURL: input })`, `axios({ url: '/users', baseURL: input })`,
 * `got(path, { prefixUrl: input })`: the request config of a client call sets the base its
 * relative URL resolves against.
 */
function checkConfigBase(call: ts.CallExpression, ctx: RuleContext): void {
  for (const a of call.arguments) {
    const opts = configObject(a);
    if (!opts) continue;
    const base = objectProperty(opts, 'baseURL') ?? objectProperty(opts, 'prefixUrl');
    if (base) reportBase(call, base, ctx);
  }
}

function reportBase(call: ts.CallExpression, base: ts.Expression, ctx: RuleContext): void {
  const flow = ctx.flow(base);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote' || isSafeUrl(base, ctx)) return;
  ctx.report(call, {
    rule: 'ssrf',
    cwe: 'CWE-918',
    severity: 'high',
    message: `The HTTP client's base URL comes from ${sourceText(flow)}: every request it makes goes where the input says.`,
    fix: FIX,
  });
}

/** `axios.create({ baseURL: input })`, `got.extend({ prefixUrl: input })`: every request of the instance goes there. */
function checkInstanceBase(call: ts.CallExpression, ctx: RuleContext): void {
  const c = calleeOf(call);
  const opts = call.arguments[0] && unwrap(call.arguments[0]);
  if (!c?.receiver || !instanceFactories.has(c.name) || !opts) return;
  if (!ts.isObjectLiteralExpression(opts)) return;
  const base = objectProperty(opts, 'baseURL') ?? objectProperty(opts, 'prefixUrl');
  if (!base || !clients.has(clientModule(c.receiver, ctx) ?? receiverName(c.receiver))) return;
  reportBase(call, base, ctx);
}

export const ssrfRule: SecurityRule = {
  id: 'ssrf',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    check(node, ctx);
    checkInstanceBase(node, ctx);
  },
};

import ts from '../../lib/typescript.cjs';
import {
  chainKey,
  objectProperty,
  propertyNameText,
  receiverName,
  rootName,
  unwrap,
} from './ast.js';
import { isScopeValue } from './angular-scope.js';
import { chainOperands } from './binary-chain.js';
import {
  constantPrefix,
  definition,
  hasFixedHost,
  isParameterValue,
  isResponseObject,
  sourceText,
} from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

const FIX =
  "Redirect only to relative paths you build (`/users/${id}`) or to URLs whose origin is on an allow-list; reject values starting with '//' or a scheme (javascript:, https:).";

function check(node: ts.Node, value: ts.Expression, what: string, ctx: RuleContext): void {
  const flow = ctx.flow(value);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  if (hasFixedHost(constantPrefix(value, ctx)) || isSameOriginUrl(value, ctx)) return;
  report(node, what, sourceText(flow), 'medium', ctx);
}

/** The request's own URL (`request.url`, `request.nextUrl`): the site the user is already on. */
function isOwnUrl(base: ts.Expression, ctx: RuleContext): boolean {
  const b = unwrap(base);
  if (!ts.isPropertyAccessExpression(b) || !/^(url|nextUrl|href|origin)$/.test(b.name.text))
    return false;
  return ctx.flow(b.expression).state === 'object';
}

/**
 * `new URL('/login', request.url)`: a path starting with one `/` keeps the base's origin (WHATWG
 * URL resolution), and a base that is the request's own URL (or a constant) is this site, so
 * the redirect cannot leave it — the idiom of Next.js middleware and route handlers.
 */
function isSameOriginUrl(value: ts.Expression, ctx: RuleContext): boolean {
  const e = definition(value);
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'URL')
    return false;
  const [path, base] = e.arguments ?? [];
  if (!path || !base || !/^\/[^/\\]/.test(constantPrefix(path, ctx))) return false;
  return ctx.flow(base).state !== 'tainted' || isOwnUrl(base, ctx);
}

function report(
  node: ts.Node,
  what: string,
  from: string,
  severity: 'medium' | 'low',
  ctx: RuleContext,
): void {
  ctx.report(node, {
    rule: 'open-redirect',
    cwe: 'CWE-601',
    severity,
    message: `${what} sends the user to a URL taken from ${from} (phishing; javascript: URLs run script).`,
    fix: FIX,
  });
}

/** The part a URL starts with: `base` in `base + '/logout'` and `${base}/logout`. */
function leadingPart(value: ts.Expression): ts.Expression {
  const v = unwrap(value);
  if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return chainOperands(v, (b) => b.operatorToken.kind === ts.SyntaxKind.PlusToken)[0] ?? v;
  if (ts.isTemplateExpression(v) && v.head.text === '' && v.templateSpans[0])
    return unwrap(v.templateSpans[0].expression);
  return v;
}

/**
 * The browser's location set from a parameter of the enclosing function (`function go(url) {
 * location.href = url; }`): whoever calls it chooses where the user goes. Low: a helper's job,
 * a flaw only when a caller passes input; input itself is reported by `check`.
 */
function checkBrowser(node: ts.Node, value: ts.Expression, what: string, ctx: RuleContext): void {
  const flow = ctx.flow(value);
  if (flow.state === 'tainted') return check(node, value, what, ctx);
  if (flow.state !== 'unknown') return;
  const lead = leadingPart(value);
  const scoped = !isParameterValue(lead) && isScopeValue(lead);
  if (!scoped && !isParameterValue(lead)) return;
  if (hasFixedHost(constantPrefix(value, ctx))) return;
  report(node, what, scoped ? 'the AngularJS $scope' : "a caller's argument", 'low', ctx);
}

const locationKeys = /^((window|\$window|document|self|top|parent)\.)*location(\.href)?$/;
const redirectModules = /^(next\/navigation|@remix-run\/|react-router|@sveltejs\/kit)/;

function isRedirectStatus(e: ts.Expression | undefined): boolean {
  const u = e && unwrap(e);
  return u !== undefined && ts.isNumericLiteral(u) && /^30[12378]$/.test(u.text);
}

/**
 * `{ statusCode: 302, headers: { Location: x } }` (Lambda, `new Response(…)`) and
 * `res.writeHead(302, { Location: x })`.
 */
function checkLocationProperty(p: ts.PropertyAssignment, ctx: RuleContext): void {
  if (propertyNameText(p.name)?.toLowerCase() !== 'location') return;
  const headers = p.parent;
  const holder = headers.parent;
  const setsHeaders =
    ts.isCallExpression(holder) &&
    ts.isPropertyAccessExpression(holder.expression) &&
    /^(set|header|setHeaders)$/.test(holder.expression.name.text) &&
    isResponseObject(holder.expression.expression);
  if (setsHeaders) {
    check(p, p.initializer, 'Location header', ctx);
    return;
  }
  if (ts.isCallExpression(holder) && receiverName(holder.expression) === 'writeHead') {
    check(p, p.initializer, 'Location header', ctx);
    return;
  }
  if (!ts.isPropertyAssignment(holder) || propertyNameText(holder.name) !== 'headers') return;
  const response = holder.parent;
  const status = objectProperty(response, 'statusCode') ?? objectProperty(response, 'status');
  if (isRedirectStatus(status)) check(p, p.initializer, 'Location header', ctx);
}

/** NestJS: a `@Redirect()` handler returning `{ url: input }` redirects there. */
function checkNestRedirect(
  p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment,
  ctx: RuleContext,
): void {
  if (propertyNameText(p.name) !== 'url') return;
  const ret = p.parent.parent;
  if (!ts.isReturnStatement(ret)) return;
  let fn: ts.Node | undefined = ret.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  if (!fn || !ts.isMethodDeclaration(fn)) return;
  const redirect = ts.getDecorators(fn)?.some((d) => /^Redirect\b/.test(d.expression.getText()));
  const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
  if (redirect) check(p, value, '@Redirect() url', ctx);
}

/** `redirect(url)` (Next.js, Remix), `redirect(302, url)` (SvelteKit): the URL after a status. */
function locationArgument(call: ts.CallExpression): ts.Expression | undefined {
  const [first, second] = call.arguments;
  return first && second && ts.isNumericLiteral(unwrap(first)) ? second : first;
}

/** Hono's context (`c.redirect(url)`) in a module that imports Hono. */
function isHonoContext(receiver: ts.Expression, ctx: RuleContext): boolean {
  const e = unwrap(receiver);
  return ts.isIdentifier(e) && /^(c|ctx|context)$/.test(e.text) && ctx.moduleOf('Hono') === 'hono';
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r) return;
  const last = node.arguments[node.arguments.length - 1];
  if (!last) return;
  if (!r.receiver) {
    if (r.name === 'redirect' && redirectModules.test(r.module ?? ''))
      check(node, locationArgument(node) ?? last, 'redirect()', ctx);
    return;
  }
  const recv = receiverName(r.receiver);
  if ((r.name === 'redirect' || r.name === 'location') && isResponseObject(r.receiver))
    check(node, last, `${r.name}()`, ctx);
  else if (r.name === 'redirect' && isHonoContext(r.receiver, ctx))
    check(node, node.arguments[0] ?? last, 'c.redirect()', ctx);
  else if (r.name === 'redirect' && /^(NextResponse|Response)$/.test(recv))
    check(node, node.arguments[0] ?? last, `${recv}.redirect()`, ctx);
  else if (
    (r.name === 'assign' || r.name === 'replace') &&
    /(^|\.)location$/.test(chainKey(r.receiver) ?? '')
  ) {
    checkBrowser(node, last, `location.${r.name}()`, ctx);
  } else if (
    r.name === 'open' &&
    /^\$?window$/.test(rootName(r.receiver) ?? '') &&
    node.arguments[0]
  ) {
    checkBrowser(node, node.arguments[0], 'window.open()', ctx);
  } else if (
    (r.name === 'setHeader' || r.name === 'header' || r.name === 'set') &&
    isResponseObject(r.receiver)
  ) {
    const h = node.arguments[0];
    if (h && ctx.constString(h)?.toLowerCase() === 'location')
      check(node, last, 'Location header', ctx);
  }
}

export const openRedirectRule: SecurityRule = {
  id: 'open-redirect',
  kinds: [
    ts.SyntaxKind.CallExpression,
    ts.SyntaxKind.BinaryExpression,
    ts.SyntaxKind.PropertyAssignment,
    ts.SyntaxKind.ShorthandPropertyAssignment,
  ],
  visit(node, ctx) {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const key = chainKey(node.left);
      if (key !== undefined && locationKeys.test(key)) checkBrowser(node, node.right, key, ctx);
    } else if (ts.isCallExpression(node)) checkCall(node, ctx);
    else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      checkLocationProperty(node, ctx);
      checkNestRedirect(node, ctx);
    } else if (ts.isShorthandPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent))
      checkNestRedirect(node, ctx);
  },
};

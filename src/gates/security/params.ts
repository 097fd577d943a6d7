import ts from '../../lib/typescript.cjs';
import { calleeOf, memberName, propertyNameText, receiverName, unwrap } from './ast.js';
import type { ImportInfo } from './imports.js';
import { resolveCall } from './imports.js';
import { callbackSourceFlows } from './callback-sources.js';
import { electronParamFlows } from './electron-sources.js';
import { nextParamFlows } from './next-handlers.js';
import { isNamedMessageListener, isRouteCallback } from './route-callbacks.js';
import { isConnectionParam } from './socket-events.js';
import { typedRouteParam } from './angular-route.js';
import { decoratedParamFlow } from './param-decorators.js';
import { angularService, taintedFlow } from './sources.js';
import type { Flow } from './types.js';

type Fn = ts.FunctionLikeDeclaration;

export const iterators = new Set([
  'forEach',
  'map',
  'filter',
  'find',
  'some',
  'every',
  'flatMap',
  'findIndex',
]);

const lifecycleEvents = new Set([
  'connection',
  'connect',
  'close',
  'error',
  'open',
  'end',
  'disconnect',
  'disconnecting',
  'ping',
  'pong',
  'drain',
  'timeout',
  'upgrade',
  'listening',
]);
/** Request types of Express, Fastify, Next.js, Node's http, Koa and Hono, by their type names. */
const requestTypes =
  /^(?:(?:express|e|koa|Koa|http|fastify|next)\.)?(?:Request|FastifyRequest|NextRequest|NextApiRequest|IncomingMessage|ParameterizedContext|HonoRequest)\b/;
const contextTypes = /^(?:(?:koa|Koa|hono)\.)?(?:Context|ParameterizedContext|RouterContext)\b/;

/** `(req: Request)`, `({ params }: express.Request)`, `(ctx: Koa.Context)`: the annotation says. */
export function typedParamFlow(p: ts.ParameterDeclaration): Flow | undefined {
  const t = p.type?.getText();
  if (t === undefined) return undefined;
  if (requestTypes.test(t)) return REQUEST;
  if (contextTypes.test(t)) return KOA;
  return typedRouteParam(p);
}

const REQUEST: Flow = { state: 'object', kind: 'request' };
const KOA: Flow = { state: 'object', kind: 'koa-ctx' };
const EVENT: Flow = { state: 'object', kind: 'event' };

function paramName(fn: Fn, i: number): string {
  const p = fn.parameters[i];
  return p && ts.isIdentifier(p.name) ? p.name.text : '';
}

function requestFor(fn: Fn, i: number): Flow {
  return /^(ctx|context)$/.test(paramName(fn, i)) ? KOA : REQUEST;
}

function eventName(call: ts.CallExpression): string | undefined {
  const a = call.arguments[0];
  return a && ts.isStringLiteralLike(a) ? a.text : undefined;
}

/** `exports.handler = async (event) => …`, `export const handler = …`, `export function handler(event)`. */
function isLambdaHandler(fn: Fn): boolean {
  const p = fn.parent;
  if (ts.isFunctionDeclaration(fn)) {
    const exported = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    return exported && fn.name?.text === 'handler';
  }
  if (ts.isBinaryExpression(p) && p.right === fn) return memberName(p.left) === 'handler';
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === 'handler') {
    const stmt = p.parent.parent;
    return (
      ts.isVariableStatement(stmt) &&
      (stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)
    );
  }
  return false;
}

/** `exports.main = async (event) => …`, `module.exports.hello = function (event, context)`: a function
 * exported under any name whose first parameter is the serverless `event`. */
function isExportedEventHandler(fn: Fn): boolean {
  if (!/^(event|evt)$/.test(paramName(fn, 0))) return false;
  const p = fn.parent;
  if (ts.isBinaryExpression(p) && p.right === fn)
    return /^(module\.)?exports\b/.test(p.left.getText());
  return isExported(fn) || isExportedFn(fn);
}

/**
 * A function exported as `handler`: `(req, res)` / `(request, reply)` is an HTTP route (Next.js API
 * routes, Vercel functions), `(event, context)` an AWS Lambda.
 */
function handlerShape(fn: Fn): Flow {
  const first = paramName(fn, 0);
  if (/^_?(req|request)$/.test(first) || /^(res|reply|response)$/.test(paramName(fn, 1)))
    return requestFor(fn, 0);
  return first === 'ctx' ? KOA : EVENT;
}

function isExported(fn: Fn): boolean {
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  return ts.isExportAssignment(fn.parent);
}

/** Next.js pages/layouts: `export default function Page({ searchParams, params })`. */
function isNextPage(fn: Fn): boolean {
  const first = fn.parameters[0];
  if (!first || !ts.isObjectBindingPattern(first.name) || !isExported(fn)) return false;
  return first.name.elements.some((el) => {
    const n = el.propertyName ?? el.name;
    return ts.isIdentifier(n) && (n.text === 'searchParams' || n.text === 'params');
  });
}

const graphqlRoots = new Set(['Query', 'Mutation', 'Subscription']);

/** A GraphQL resolver (`resolvers = { Query: { user: (parent, args) => … } }`): `args` is client input. */
function isGraphqlResolver(fn: Fn): boolean {
  const holder = ts.isMethodDeclaration(fn) ? fn : fn.parent;
  if (!ts.isMethodDeclaration(holder) && !ts.isPropertyAssignment(holder)) return false;
  const obj = holder.parent;
  if (!ts.isObjectLiteralExpression(obj) || !ts.isPropertyAssignment(obj.parent)) return false;
  const root = propertyNameText(obj.parent.name);
  return root !== undefined && graphqlRoots.has(root);
}

export interface ParamContext {
  imports: ReadonlyMap<string, ImportInfo>;
  /** Flow of the receiver of the call the function is passed to. */
  receiverFlow(call: ts.CallExpression): Flow;
}

/**
 * What a user types: `process.stdin.on('data', d => …)`, readline's `rl.on('line', l => …)` and
 * `rl.question(q, answer => …)` — local input, like `process.argv`.
 */
function terminalInput(
  name: string,
  receiver: ts.Expression | undefined,
  call: ts.CallExpression,
  fn: Fn,
): Flow[] | undefined {
  if (!receiver) return undefined;
  const recv = receiver.getText();
  const ev = eventName(call);
  if (name === 'on' && ev === 'data' && /^process\.stdin$/.test(recv))
    return [taintedFlow('stdin', 'local')];
  const readline = /^(rl|readline|reader|prompt|input|cli|line[Rr]eader|terminal)$/.test(recv);
  if (readline && name === 'on' && ev === 'line') return [taintedFlow('terminal line', 'local')];
  if (readline && name === 'question' && call.arguments[call.arguments.length - 1] === fn)
    return [taintedFlow('terminal answer', 'local')];
  return undefined;
}

const clientModules = new Set(['http', 'https', 'http2']);

/**
 * `https.get(url, (res) => …)`, `http.request(opts, cb)`: the callback of a client request gets
 * the server's response (whose body is input, like fetch's), not a request to serve.
 */
function clientResponse(p: ts.Node, imports: ParamContext['imports']): Flow[] | undefined {
  const c = ts.isCallExpression(p) ? calleeOf(p) : undefined;
  if (!c?.receiver || (c.name !== 'get' && c.name !== 'request')) return undefined;
  const recv = unwrap(c.receiver);
  const module = ts.isIdentifier(recv) ? imports.get(recv.text)?.module : undefined;
  return module !== undefined && clientModules.has(module)
    ? [{ state: 'object', kind: 'response' }]
    : undefined;
}

/** Flows of a function's parameters implied by where it is defined (handlers, listeners, callbacks). */
export function contextParamFlows(fn: Fn, ctx: ParamContext): Flow[] | undefined {
  const p = fn.parent;
  const electron = ts.isCallExpression(p) ? electronParamFlows(fn, p) : undefined;
  if (electron) return electron;
  const fromApi = ts.isCallExpression(p) ? callbackSourceFlows(fn, p) : undefined;
  if (fromApi) return fromApi;
  const next = nextParamFlows(fn) ?? clientResponse(p, ctx.imports);
  if (next) return next;
  if (isRouteCallback(fn)) {
    const errFirst = fn.parameters.length === 4 && /^(err|error|e)$/.test(paramName(fn, 0));
    return errFirst ? [{ state: 'unknown' }, requestFor(fn, 1)] : [requestFor(fn, 0)];
  }
  if (isLambdaHandler(fn)) return [handlerShape(fn)];
  if (isExportedEventHandler(fn)) return [EVENT];
  if (isGraphqlResolver(fn))
    return [{ state: 'unknown' }, taintedFlow('GraphQL arguments', 'remote', true)];
  if (isNextPage(fn)) return [REQUEST];
  if (ts.isBinaryExpression(p) && p.right === fn && memberName(p.left) === 'onmessage')
    return [EVENT];
  if (isNamedMessageListener(fn)) return [EVENT];
  if (!ts.isCallExpression(p)) return undefined;
  const c = calleeOf(p);
  if (!c) return undefined;
  const isArg0 = p.arguments[0] === fn;
  if (c.name === 'addEventListener' && eventName(p) === 'message') return [EVENT];
  const terminal = terminalInput(c.name, c.receiver, p, fn);
  if (terminal) return terminal;
  if (c.name === 'on' && c.receiver) {
    const ev = eventName(p);
    if (ev === 'message') return [taintedFlow('message')];
    if (ev === 'data' && ctx.receiverFlow(p).state === 'object')
      return [taintedFlow('request body')];
    const socketLike =
      /socket|^ws$|client|conn|peer/i.test(receiverName(c.receiver)) ||
      isConnectionParam(c.receiver);
    if (ev !== undefined && socketLike && !lifecycleEvents.has(ev))
      return [taintedFlow(`socket "${ev}" event`)];
    return undefined;
  }
  // a promise's value, or what an observable emits (`route.queryParams.subscribe(p => …)`)
  if ((c.name === 'then' || c.name === 'subscribe') && isArg0 && c.receiver)
    return [ctx.receiverFlow(p)];
  if (iterators.has(c.name) && isArg0 && c.receiver) {
    const rf = ctx.receiverFlow(p);
    // the elements of an array of constants (`['a', 'b'].forEach(…)`) are constants
    if (rf.state === 'constant') return [{ state: 'constant' }];
    return [rf.state === 'tainted' || rf.state === 'safe' ? rf : { state: 'unknown' }];
  }
  const r = resolveCall(p, ctx.imports);
  const fsLike = r?.module === 'fs' || /^(fs|fse)$/.test(receiverName(c.receiver));
  if (fsLike && c.name === 'readFile') {
    // A file at a constant path ships with the app (like fs.readFileSync('views/x.pug')).
    const file = p.arguments[0] ? unwrap(p.arguments[0]) : undefined;
    const shipped = file !== undefined && ts.isStringLiteralLike(file);
    return [
      { state: 'unknown' },
      shipped ? { state: 'safe' } : taintedFlow('fs.readFile()', 'local'),
    ];
  }
  return undefined;
}

/** Parameters named like request objects (`req`, `request`, `ctx`) in any function. */
export function namedParamFlow(fn: Fn, i: number): Flow | undefined {
  const n = paramName(fn, i);
  if (/^_?(req|request)$/.test(n)) return REQUEST;
  if (n === 'ctx') return KOA;
  return angularService(n);
}

export function unwrapFn(expr: ts.Expression): Fn | undefined {
  const e = unwrap(expr);
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? e : undefined;
}

export function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

export function isExportedFn(fn: Fn): boolean {
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent))
    return fn.parent.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
  const stmt = fn.parent?.parent?.parent;
  return (
    stmt !== undefined &&
    ts.isVariableStatement(stmt) &&
    (stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)
  );
}

/** Parameter flows of a function: tainted call sites, decorators, handler context, names. */
export function paramFlowsFor(
  fn: Fn,
  sites: readonly Flow[] | undefined,
  ctx: ParamContext,
): Flow[] {
  const fromContext = contextParamFlows(fn, ctx);
  return fn.parameters.map((param, i) => {
    const site = sites?.[i];
    if (site?.state === 'tainted') return site;
    // Every caller hands it the same source-bearing object (the request, an event, `location`).
    if (site?.state === 'object') return site;
    const decorated = decoratedParamFlow(param) ?? typedParamFlow(param);
    if (decorated) return decorated;
    const implied = fromContext?.[i] ?? namedParamFlow(fn, i);
    if (implied) return implied;
    if (site && (site.state === 'constant' || site.state === 'safe') && !isExportedFn(fn))
      return { state: 'safe' };
    return { state: 'unknown' };
  });
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, propertyNameText, unwrap } from './ast.js';

/**
 * Route handlers known by where they are registered: `app.get('/x', (req, res) => …)`,
 * `router.post(…)`, `http.createServer(fn)`, `{ handler: (request, reply) => … }`. Their first
 * parameter is the request (params.ts) and their second the response, whatever their names.
 */

type Fn = ts.FunctionLikeDeclaration;

const routeMethods = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'options',
  'head',
  'any',
  'createServer',
  'handle',
  'route',
]);

/** Functions registered by name: `app.get('/x', show)`, `addEventListener('message', onMsg)`. */
interface Named {
  routes: ReadonlySet<string>;
  messages: ReadonlySet<string>;
}
const namedCache = new WeakMap<ts.SourceFile, Named>();
const routeByName =
  /\.(?:get|post|put|patch|delete|del|all|options|head|any)\(\s*(?:'[/*][^']*'|"[/*][^"]*"|`[/*][^`$]*`)\s*,\s*(?:[\w$.]+\s*,\s*)*(?:[\w$]+\.)*([A-Za-z_$][\w$]*)\s*\)/g;
const messageByName =
  /(?:addEventListener\(\s*['"]message['"]\s*,\s*([A-Za-z_$][\w$]*)\s*[,)])|(?:\.onmessage\s*=\s*([A-Za-z_$][\w$]*)\s*[;\n])/g;

/** Read from the file's text (no tree walk): most files register nothing by name. */
function namedIn(sf: ts.SourceFile): Named {
  let named = namedCache.get(sf);
  if (named) return named;
  const routes = new Set<string>();
  const messages = new Set<string>();
  for (const m of sf.text.matchAll(routeByName)) if (m[1]) routes.add(m[1]);
  for (const m of sf.text.matchAll(messageByName)) {
    const name = m[1] ?? m[2];
    if (name) messages.add(name);
  }
  named = { routes, messages };
  namedCache.set(sf, named);
  return named;
}

/** The name a function is declared under (`function show`, `const show = …`, `show() {…}`). */
function declaredName(fn: Fn): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  // a controller's method, registered as `app.get('/x', controller.show)`
  if (ts.isMethodDeclaration(fn)) return propertyNameText(fn.name);
  const p = fn.parent;
  if (ts.isPropertyAssignment(p)) return propertyNameText(p.name);
  return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/** A function registered by name as a `message` event listener. */
export function isNamedMessageListener(fn: Fn): boolean {
  const name = declaredName(fn);
  return name !== undefined && namedIn(fn.getSourceFile()).messages.has(name);
}

/** `app.get('/x', (req, res) => …)`, `http.createServer(fn)`, `{ handler: (request, reply) => … }`, `app.get('/x', show)`. */
export function isRouteCallback(fn: Fn): boolean {
  const name = declaredName(fn);
  if (
    name !== undefined &&
    fn.parameters.length >= 2 &&
    namedIn(fn.getSourceFile()).routes.has(name)
  )
    return true;
  const p = fn.parent;
  if (ts.isPropertyAssignment(p)) return propertyNameText(p.name) === 'handler';
  if (!ts.isCallExpression(p) || !p.arguments.includes(fn as ts.Expression)) return false;
  const c = calleeOf(p);
  if (!c || !routeMethods.has(c.name)) return false;
  return c.name === 'createServer' || c.receiver !== undefined;
}

/** `rs` in `app.get('/', (rq, rs) => rs.send(…))`: the response parameter of a route handler. */
export function isRouteResponse(receiver: ts.Expression): boolean {
  let r = unwrap(receiver);
  // `rs.status(200).send(…)`: down to the root of the chain
  while (ts.isPropertyAccessExpression(r) || ts.isCallExpression(r)) r = unwrap(r.expression);
  if (!ts.isIdentifier(r)) return false;
  for (let n: ts.Node | undefined = r.parent; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    const fn = n as Fn;
    if (!fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === r.text)) continue;
    const second = fn.parameters[1]?.name;
    return (
      second !== undefined &&
      ts.isIdentifier(second) &&
      second.text === r.text &&
      isRouteCallback(fn)
    );
  }
  return false;
}

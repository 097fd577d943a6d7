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

/** `app.get('/x', (req, res) => …)`, `http.createServer(fn)`, `{ handler: (request, reply) => … }`. */
export function isRouteCallback(fn: Fn): boolean {
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

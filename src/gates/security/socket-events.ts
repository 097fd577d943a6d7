import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, unwrap } from './ast.js';

/**
 * `io.on('connection', (s) => { s.on('chat', (msg) => …) })`: the first parameter of a
 * connection listener is the connected socket, whatever its name, so the payloads of its
 * events are messages from the client (params.ts makes them sources).
 */
export function isConnectionParam(receiver: ts.Expression): boolean {
  const r = unwrap(receiver);
  if (!ts.isIdentifier(r)) return false;
  for (let n: ts.Node | undefined = r.parent; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    const first = (n as ts.FunctionLikeDeclaration).parameters[0]?.name;
    if (!first || !ts.isIdentifier(first) || first.text !== r.text) continue;
    const call = n.parent;
    if (!ts.isCallExpression(call) || calleeOf(call)?.name !== 'on') return false;
    const ev = call.arguments[0];
    return ev !== undefined && ts.isStringLiteralLike(ev) && /^(connection|connect)$/.test(ev.text);
  }
  return false;
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';

/** Methods that store their arguments in the receiver, and the first argument stored. */
const storing: Record<string, number> = {
  push: 0,
  unshift: 0,
  splice: 2,
  add: 0,
  set: 1,
  append: 1,
  fill: 0,
};

export interface Store {
  /** The container written to (`parts` in `parts.push(x)`, `target` in `Object.assign(target, x)`). */
  target: ts.Expression;
  values: readonly ts.Expression[];
}

/**
 * A call that puts values into a container the caller keeps: `parts.push(x)`, `map.set(k, x)`,
 * `params.append('q', x)`, `Object.assign(target, x)`. Reading the container later reads them.
 */
export function storeOf(call: ts.CallExpression): Store | undefined {
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const method = e.name.text;
  if (method !== 'assign' && !Object.hasOwn(storing, method)) return undefined;
  const c = calleeOf(call);
  if (!c?.receiver) return undefined;
  const recv = unwrap(c.receiver);
  if (c.name === 'assign' && ts.isIdentifier(recv) && recv.text === 'Object') {
    const [target, ...values] = call.arguments;
    return target && !ts.isObjectLiteralExpression(unwrap(target)) ? { target, values } : undefined;
  }
  if (!Object.hasOwn(storing, c.name)) return undefined;
  const from = storing[c.name] ?? 0;
  // `set(k, v)` and `append(k, v)` with one argument are other APIs (`headers.set(obj)`).
  if (from > 0 && c.name !== 'splice' && call.arguments.length <= from) return undefined;
  return { target: recv, values: call.arguments.slice(from) };
}

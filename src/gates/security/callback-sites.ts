import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { iterators } from './params.js';

type Fn = ts.FunctionLikeDeclaration;

/** What a call hands to a function of the file that it takes by name, as that function's arguments. */
export interface CallbackSite {
  fn: Fn;
  args: readonly ts.Expression[];
}

const timers = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * A function of the file passed by name as a callback, and what it is called with:
 * `items.forEach(runTool)` and `load().then(render)` call it with the receiver's elements or
 * value (the receiver stands for them, as it does for inline callbacks), and
 * `setTimeout(runTool, ms, cmd)` with the arguments after the delay.
 */
export function callbackSite(
  call: ts.CallExpression,
  named: (e: ts.Expression) => Fn | undefined,
): CallbackSite | undefined {
  const c = calleeOf(call);
  const first = call.arguments[0];
  if (!c || !first || !ts.isIdentifier(unwrap(first))) return undefined;
  if (c.receiver && (iterators.has(c.name) || c.name === 'then')) {
    const fn = named(unwrap(first));
    return fn ? { fn, args: [c.receiver] } : undefined;
  }
  if (c.receiver || !timers.has(c.name)) return undefined;
  const fn = named(unwrap(first));
  return fn ? { fn, args: call.arguments.slice(c.name === 'setImmediate' ? 1 : 2) } : undefined;
}

import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { evalFlow, type FlowHost } from './flow.js';
import { joinFlow, UNKNOWN } from './scope.js';
import type { Flow } from './types.js';

/**
 * `new Promise((resolve) => … resolve(value) …)`: the promise carries what its executor resolves
 * it with (`.then(cb)` and `await` pass that on), joined over every `resolve(…)` call in the
 * executor. Values local to the executor are read in the scope around it, so they come out
 * unknown; the common case resolves with a value of the enclosing function.
 */
export function promiseFlow(e: ts.NewExpression, host: FlowHost): Flow {
  const executor = e.arguments?.[0] && unwrap(e.arguments[0]);
  if (!executor || (!ts.isArrowFunction(executor) && !ts.isFunctionExpression(executor)))
    return UNKNOWN;
  const param = executor.parameters[0]?.name;
  if (!param || !ts.isIdentifier(param)) return UNKNOWN;
  let out: Flow | undefined;
  walkTree(executor.body, (n) => {
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === param.text &&
      n.arguments[0]
    ) {
      const f = evalFlow(n.arguments[0], host);
      out = out ? joinFlow(out, f) : f;
    }
    return true;
  });
  return out ?? UNKNOWN;
}

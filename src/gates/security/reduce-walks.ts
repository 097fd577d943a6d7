import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, unwrap } from './ast.js';
import { hasKeyGuard } from './key-guards.js';
import { steppedAccess } from './path-steps.js';
import { isAssignment, ownerFunction, reportPollution } from './pp-shapes.js';
import type { RuleContext } from './types.js';
import { resultWritten } from './walk-writes.js';

/**
 * A path walked by `reduce`: `keys.reduce((o, k) => o[k], obj)` steps into `obj[k1][k2]…` and
 * hands back the object it reached. With the key "__proto__" that is Object.prototype, so a
 * write through the result (`parent[last] = v`, `Object.assign(parent, v)`), or a step that
 * creates what it enters (`o[k] || (o[k] = {})`), pollutes every object.
 */

/** The one expression a callback gives back: its expression body or its only `return`. */
function returned(cb: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = cb.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body as ts.Expression;
  const last = body.statements[body.statements.length - 1];
  return last && ts.isReturnStatement(last) ? last.expression : undefined;
}

/** `o[k] || (o[k] = {})`, `o[k] ?? (o[k] = {})`: the step makes the object it enters. */
function createsStep(ret: ts.Expression): boolean {
  const r = unwrap(ret);
  return ts.isBinaryExpression(r) && isAssignment(unwrap(r.right));
}

/** The callback of `keys.reduce(cb, seed)` steps `acc[key]` each time; its accumulator name. */
function walkStep(call: ts.CallExpression): { step: ts.Expression; creates: boolean } | undefined {
  const [cb, seed] = call.arguments;
  const fn = cb && unwrap(cb);
  if (!fn || !seed || !isFunctionNode(fn)) return undefined;
  const [acc, item] = fn.parameters;
  if (!acc || !item || !ts.isIdentifier(acc.name) || !ts.isIdentifier(item.name)) return undefined;
  const ret = returned(fn);
  // `(o[k] = o[k] || {})` returned as is: checkReduceStep reports that assignment.
  if (!ret || isAssignment(unwrap(ret))) return undefined;
  const step = steppedAccess(ret, acc.name.text);
  const key = step && unwrap(step.argumentExpression);
  if (!key || !ts.isIdentifier(key) || key.text !== item.name.text) return undefined;
  return { step, creates: createsStep(ret) };
}

export function checkReduceWalk(call: ts.CallExpression, ctx: RuleContext): void {
  const c = calleeOf(call);
  if (c?.name !== 'reduce' || !c.receiver) return;
  const walk = walkStep(call);
  if (!walk) return;
  const keys = ctx.flow(c.receiver);
  if (keys.state === 'constant' || keys.state === 'safe') return;
  if (!walk.creates && !resultWritten(call)) return;
  const owner = ownerFunction(call);
  if (hasKeyGuard(owner?.body ?? call.getSourceFile())) return;
  reportPollution(
    call,
    ctx,
    'This reduce() steps through nested objects under computed keys and the result is written into: the key "__proto__" reaches Object.prototype.',
    keys,
  );
}

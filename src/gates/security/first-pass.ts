import ts from '../../lib/typescript.cjs';
import { walkTree } from './binary-chain.js';
import type { LocalFunctions } from './locals.js';
import { parameterProperties, thisOwner } from './this-fields.js';
import { ownerIn } from './walk-order.js';

type Fn = ts.FunctionLikeDeclaration;

/**
 * Shapes that make the engine's first pass over a file stale, found before walking it (ADR
 * 0044). A stale pass is walked again and its findings are discarded, so the engine runs it as
 * a learning pass, without the rules. Missing a shape costs a pass with rules, as before;
 * seeing one that is not there costs a walk without rules.
 */
export function firstPassIsStale(
  locals: LocalFunctions,
  deferred: ReadonlySet<Fn>,
  order: readonly Fn[],
): boolean {
  return calledAfterWalked(locals, deferred, order) || fieldReadBeforeWritten(order);
}

/**
 * A call with arguments reaches a function whose body was walked before the call site was
 * known (call-sites.ts): a function walked where it is declared (not deferred), called after
 * that declaration; or a deferred one called from a deferred function walked after it (a
 * cycle of calls, which the callers-first order breaks somewhere). A function calling itself
 * does not count: the engine takes what a body passes to itself as it goes.
 */
function calledAfterWalked(
  locals: LocalFunctions,
  deferred: ReadonlySet<Fn>,
  order: readonly Fn[],
): boolean {
  const rank = new Map(order.map((fn, i) => [fn, i]));
  for (const call of locals.calls) {
    const fn = locals.site(call)?.fn;
    if (!fn || fn.parameters.length === 0) continue;
    if (!deferred.has(fn)) {
      if (call.pos >= fn.end) return true;
      continue;
    }
    const caller = ownerIn(call, deferred);
    if (caller && caller !== fn && (rank.get(caller) ?? 0) > (rank.get(fn) ?? 0)) return true;
  }
  return false;
}

const isThisMember = (n: ts.Node): n is ts.PropertyAccessExpression =>
  ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword;

const isAssignedTo = (n: ts.Node): boolean =>
  ts.isBinaryExpression(n.parent) &&
  n.parent.left === n &&
  n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;

/**
 * In the order the deferred functions are walked (callers first, so a class's constructor
 * often last), a method reads `this.x` before a later function writes it — by `this.x = …` or
 * as a constructor's parameter property: the read saw no value (this-fields.ts).
 */
function fieldReadBeforeWritten(order: readonly Fn[]): boolean {
  const read = new Set<string>();
  const key = (at: ts.Node, name: string): string => `${thisOwner(at) ?? ''}.${name}`;
  for (const fn of order) {
    const body = fn.body ?? fn;
    for (const name of parameterProperties(fn))
      if (name !== undefined && read.has(key(body, name))) return true;
    let written = false;
    walkTree(body, (n) => {
      if (written || !isThisMember(n)) return !written;
      if (!isAssignedTo(n)) read.add(key(n, n.name.text));
      else if (read.has(key(n, n.name.text))) written = true;
      return true;
    });
    if (written) return true;
  }
  return false;
}

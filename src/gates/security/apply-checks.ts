import ts from '../../lib/typescript.cjs';
import { chainKey, chainRoot, unwrap } from './ast.js';
import { conditionChecks, exits, type GuardEnv } from './guards.js';
import type { LocalFunctions } from './locals.js';
import { predicateChecks } from './predicates.js';
import type { CheckKind, Scope } from './scope.js';

/** Marks a chain key checked in `into`, with the keys its root variable was derived from. */
export function markChecked(key: string, kind: CheckKind, from: Scope, into: Scope): void {
  into.markChecked(key, kind);
  const root = chainRoot(key);
  for (const o of from.lookup(root)?.origins ?? []) into.markChecked(o, kind);
}

/** Records what `cond` being `truth` proves, for the code it guards. */
export function applyChecks(
  cond: ts.Expression,
  truth: boolean,
  from: Scope,
  into: Scope,
  env: GuardEnv,
): void {
  for (const c of conditionChecks(cond, truth, env)) markChecked(c.key, c.kind, from, into);
}

/** `assertSafePath(p);` — a function of this file that throws unless its argument is valid. */
export function applyAssertion(
  expr: ts.Expression,
  scope: Scope,
  locals: LocalFunctions,
  env: GuardEnv,
): void {
  const call = unwrap(expr);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return;
  const fn = locals.byName.get(call.expression.text);
  if (!fn) return;
  for (const pc of predicateChecks(fn, true, env)) {
    const arg = call.arguments[pc.index];
    const key = arg && chainKey(arg);
    if (key !== undefined) markChecked(key, pc.kind, scope, scope);
  }
}

/**
 * What a statement proves for the statements after it: `if (!ok(x)) return;` (an exit in one
 * branch proves the other branch's condition) and assertion calls (`assertSafe(x);`).
 */
export function applyStatementChecks(
  st: ts.Statement,
  scope: Scope,
  locals: LocalFunctions,
  env: GuardEnv,
): void {
  if (ts.isIfStatement(st) && exits(st.thenStatement))
    applyChecks(st.expression, false, scope, scope, env);
  else if (ts.isIfStatement(st) && st.elseStatement && exits(st.elseStatement))
    applyChecks(st.expression, true, scope, scope, env);
  else if (ts.isExpressionStatement(st)) applyAssertion(st.expression, scope, locals, env);
}

import ts from '../../lib/typescript.cjs';
import { markChecked } from './apply-checks.js';
import { chainKey, unwrap } from './ast.js';
import { exits } from './guards.js';
import { Scope } from './scope.js';

/**
 * A `switch` as an allow-list: inside `case 'asc': case 'desc': …` the switched value is one of
 * those constants, unless a `default` (or a non-constant case) falls through into the clause.
 */

const isConstantCase = (c: ts.CaseOrDefaultClause): boolean => {
  if (!ts.isCaseClause(c)) return false;
  const e = unwrap(c.expression);
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e);
};

/** A clause whose last statement leaves it: the next clause is not reached from it. */
function leaves(c: ts.CaseOrDefaultClause): boolean {
  const last = c.statements[c.statements.length - 1];
  return last !== undefined && exits(last);
}

/** The chain key a clause pins to constants (`req.query.dir`), if every way into it does. */
export function caseAllowListKey(clause: ts.CaseClause): string | undefined {
  const clauses = clause.parent.clauses;
  for (let i = clauses.indexOf(clause); i >= 0; i--) {
    const c = clauses[i];
    if (!c || !isConstantCase(c)) return undefined;
    const prev = clauses[i - 1];
    if (!prev || leaves(prev)) break;
  }
  return chainKey(unwrap(clause.parent.parent.expression));
}

/**
 * The scope a clause's statements run in. A clause runs only sometimes, so its assignments join
 * with the value before the switch (a nested scope); under `case 'a': case 'b':` the switched
 * value is pinned to those constants. `walk` visits the case expression in the outer scope.
 */
export function clauseScope(
  clause: ts.CaseOrDefaultClause,
  scope: Scope,
  walk: (expr: ts.Expression) => void,
): Scope {
  const inner = new Scope(scope, false);
  if (!ts.isCaseClause(clause)) return inner;
  walk(clause.expression);
  const key = caseAllowListKey(clause);
  if (key !== undefined) markChecked(key, 'full', scope, inner);
  return inner;
}

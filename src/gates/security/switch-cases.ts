import ts from '../../lib/typescript.cjs';
import { chainKey, unwrap } from './ast.js';
import { exits } from './guards.js';

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

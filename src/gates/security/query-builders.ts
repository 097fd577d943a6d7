import ts from '../../lib/typescript.cjs';
import { calleeOf, isStringBuilding, unwrap } from './ast.js';
import type { ResolvedCall } from './imports.js';
import { definition } from './rule-kit.js';

/**
 * SQL fragments in ORM APIs that are not named "raw": TypeORM's and MikroORM's query builders
 * take condition, ordering and selection strings as SQL (`qb.where(\`name = '${q}'\`)`), and
 * Sequelize's `literal()` is raw SQL whether called as `sequelize.literal` or imported bare.
 * A builder method is a sink only for a string built in place (`.where('id = :id', { id })`
 * binds its value).
 */

const builderMethods = new Set([
  'where',
  'andWhere',
  'orWhere',
  'having',
  'andHaving',
  'orHaving',
  'orderBy',
  'addOrderBy',
  'groupBy',
  'addGroupBy',
  'select',
  'addSelect',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
]);

/** The receiver is (a chain on, or a variable holding) `createQueryBuilder(…)`. */
function isQueryBuilder(receiver: ts.Expression, depth = 0): boolean {
  const e = unwrap(receiver);
  if (ts.isCallExpression(e)) {
    const c = calleeOf(e);
    if (c?.name === 'createQueryBuilder') return true;
    return c?.receiver !== undefined && depth < 8 && isQueryBuilder(c.receiver, depth + 1);
  }
  if (!ts.isIdentifier(e) || depth > 0) return false;
  const def = definition(e);
  return def !== e && isQueryBuilder(def, depth + 1);
}

/** The SQL-taking argument of an ORM call that is not named raw, if this is one. */
export function ormSqlArgument(
  call: ts.CallExpression,
  r: ResolvedCall,
): ts.Expression | undefined {
  const [first] = call.arguments;
  if (!first) return undefined;
  if (!r.receiver) return r.name === 'literal' && r.module === 'sequelize' ? first : undefined;
  if (!builderMethods.has(r.name) || !isStringBuilding(definition(first))) return undefined;
  return isQueryBuilder(r.receiver) ? first : undefined;
}

import ts from '../../lib/typescript.cjs';
import { isStringBuilding, objectProperty, receiverName, unwrap } from './ast.js';
import { enclosingFunction } from './pp-shapes.js';
import { ormSqlArgument } from './query-builders.js';
import {
  builtText,
  definition,
  isParameterValue,
  levelOf,
  severityFor,
  sourceText,
} from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/** Methods that always take raw SQL. */
const rawSql = new Set([
  'raw',
  'whereRaw',
  'orderByRaw',
  'havingRaw',
  'joinRaw',
  'selectRaw',
  'fromRaw',
  'groupByRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'unsafe',
  'literal',
]);
/** Methods that take SQL on a database-looking receiver or with SQL-looking text. */
const maybeSql = new Set([
  'query',
  'execute',
  'exec',
  'run',
  'all',
  'get',
  'prepare',
  'each',
  'none',
  'one',
  'many',
  'any',
  'oneOrNone',
  'manyOrNone',
  'sql',
]);
const receiverSql = new Set([
  'query',
  'execute',
  'exec',
  'prepare',
  'run',
  'none',
  'one',
  'many',
  'any',
  'oneOrNone',
  'manyOrNone',
]);
const dbReceiver =
  /db|pool|conn|client|sequelize|knex|pg|mysql|sql|database|tx|trx|prisma|repo|manager|runner|datasource|connection|sqlite/i;
export const sqlText =
  /\b(select\s[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|where\s|order\s+by|create\s+table|drop\s+table|values\s*\()/i;
const FIX =
  "Use a parameterised query: db.query('SELECT … WHERE id = $1', [id]) / '?' placeholders, or a tagged template (sql`…`); never build SQL by concatenation or ${} interpolation.";

export function isSqlSink(call: ts.CallExpression, ctx: RuleContext): string | undefined {
  const r = ctx.resolveCall(call);
  if (r && ormSqlArgument(call, r)) return r.name;
  if (!r?.receiver) return undefined;
  // pg-format's `format.literal(x)` quotes x: it is the escape, not raw SQL
  if (rawSql.has(r.name)) return r.module === 'pg-format' ? undefined : r.name;
  if (!maybeSql.has(r.name)) return undefined;
  const arg = call.arguments[0];
  if (!arg) return undefined;
  const text = builtText(arg);
  if (sqlText.test(text)) return r.name;
  return receiverSql.has(r.name) && dbReceiver.test(receiverName(r.receiver)) ? r.name : undefined;
}

const paramKeys = ['replacements', 'bind', 'values', 'params', 'parameters', 'args'];

/** Bound parameters: an array, or an options object with `replacements`/`bind`/`values`. */
function bindsParameters(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const e = definition(arg);
  if (ts.isArrayLiteralExpression(e)) return true;
  if (ts.isObjectLiteralExpression(e)) return paramKeys.some((k) => objectProperty(e, k));
  // an identifier or call we cannot see into: most likely a parameter list
  return !ts.isLiteralExpression(e) && !ts.isFunctionLike(e);
}

/** `function find(sql) { return db.query(sql); }`: SQL text a caller passes, run with nothing bound. */
function reportCallerSql(node: ts.CallExpression, name: string, ctx: RuleContext): void {
  ctx.report(node, {
    rule: 'sql-injection',
    cwe: 'CWE-89',
    // low: a wrapper's job; a flaw when a caller builds the text from input
    severity: 'low',
    message: `${name}() runs SQL text a caller passes, with no bound parameters.`,
    fix: FIX,
  });
}

/** Where SQL text held in a variable was concatenated, in the same function as the call. */
function builtAt(arg: ts.Expression, call: ts.CallExpression): ts.Node {
  const def = definition(arg);
  if (def === arg || !isStringBuilding(def)) return call;
  return enclosingFunction(def) === enclosingFunction(call) ? def : call;
}

export const sqlInjectionRule: SecurityRule = {
  id: 'sql-injection',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    const name = isSqlSink(node, ctx);
    const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    // pg / mysql2 config objects: query({ text: 'SELECT … $1', values: [x] })
    const arg =
      first && ts.isObjectLiteralExpression(first)
        ? (objectProperty(first, 'text') ?? objectProperty(first, 'sql'))
        : first;
    if (!name || !arg) return;
    const a = unwrap(arg);
    if (ts.isTaggedTemplateExpression(a)) return;
    const flow = ctx.flow(a);
    const level = levelOf(flow);
    if (level === 'none') return;
    const built = isStringBuilding(definition(a));
    if (level === 'unknown') {
      // unknown pieces in a SQL string with no bound parameters: likely concatenated input
      const config = first !== undefined && first !== a ? first : undefined;
      const params = bindsParameters(node.arguments[1]) || bindsParameters(config);
      if (!built && !params && isParameterValue(a)) return reportCallerSql(node, name, ctx);
      // raw-SQL methods (knex whereRaw, Prisma $queryRawUnsafe…) take SQL whatever it looks like
      if (!built || params || (!rawSql.has(name) && !sqlText.test(builtText(a)))) return;
    }
    ctx.report(level === 'unknown' && built ? builtAt(a, node) : node, {
      rule: 'sql-injection',
      cwe: 'CWE-89',
      severity: severityFor(level, 'critical', 'high', 'medium'),
      message:
        level === 'unknown'
          ? `${name}() runs SQL built by concatenating a non-constant value without bound parameters.`
          : `${name}() runs SQL built from ${sourceText(flow)}.`,
      fix: FIX,
    });
  },
};

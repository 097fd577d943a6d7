import ts from '../../lib/typescript.cjs';
import { objectProperty, unwrap } from './ast.js';
import { definition, isRemote, sourceText } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

/**
 * AWS SDK v3 DynamoDB commands (`new QueryCommand(input)`, `new ExecuteStatementCommand(…)`):
 * the command's input object names the table, key conditions, filters and projections, so an
 * input object taken from the request lets the client query what it likes; a PartiQL
 * `Statement` built from input is SQL injection in DynamoDB's dialect.
 */

const dynamoModules = /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/;
const FIX =
  'Build the command input from known fields: a fixed TableName and expressions, with input only in ExpressionAttributeValues (or PartiQL ? parameters).';

/** The input object (or its spread parts, or its PartiQL statement) that comes from input. */
function taintedPart(arg: ts.Expression, ctx: RuleContext): Flow | undefined {
  // `const params = { TableName, ExpressionAttributeValues: { ':v': input } }` is built here
  const a = definition(arg);
  if (!ts.isObjectLiteralExpression(a)) {
    const f = ctx.flow(a);
    return isRemote(f) ? f : undefined;
  }
  for (const p of a.properties) {
    if (!ts.isSpreadAssignment(p)) continue;
    const f = ctx.flow(p.expression);
    if (isRemote(f)) return f;
  }
  const statement = objectProperty(a, 'Statement');
  if (!statement) return undefined;
  const f = ctx.flow(statement);
  return isRemote(f) ? f : undefined;
}

export const dynamodbCommandsRule: SecurityRule = {
  id: 'dynamodb-commands',
  kinds: [ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (!ts.isNewExpression(node) || !node.arguments?.[0]) return;
    const cls = unwrap(node.expression);
    if (!ts.isIdentifier(cls) || !cls.text.endsWith('Command')) return;
    if (!dynamoModules.test(ctx.moduleOf(cls.text) ?? '')) return;
    const flow = taintedPart(node.arguments[0], ctx);
    if (!flow) return;
    ctx.report(node, {
      rule: 'nosql-injection',
      cwe: 'CWE-943',
      severity: 'high',
      message: `${cls.text} takes its request from ${sourceText(flow)}: the client chooses the table, conditions or statement the query runs.`,
      fix: FIX,
    });
  },
};

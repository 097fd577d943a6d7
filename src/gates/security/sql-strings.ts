import ts from '../../lib/typescript.cjs';
import { isFunctionNode, unwrap } from './ast.js';
import { chainOperands, walkTree } from './binary-chain.js';
import { isRemote, sourceText } from './rule-kit.js';
import { isSqlSink } from './sql-injection.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * SQL text built from remote input by concatenation or `${}` interpolation
 * (`'SELECT … WHERE id = ' + req.query.id`), reported where it is built when it is not handed
 * to a query call this gate knows (sql-injection.ts reports those at the call): the string is
 * injectable whatever driver, helper or wrapper finally runs it.
 */

const FIX =
  "Keep input out of SQL text: use placeholders and pass the values separately (db.query('… WHERE id = $1', [id])), or a tagged template (sql`…`).";
/** A SQL name (`users`, `s."t"`, `[t]`); holes of the built string are blanks. */
const name = String.raw`[\w."\x60[\]]+`;
/** A column or expression of a select list, with an optional alias. */
const item = String.raw`[\w.*"\x60[\]()]+(?:\s+as\s+\w+)?`;
/** A SQL statement's opening, in the constant text the string starts with (not English prose). */
const statement = new RegExp(
  String.raw`^\s*\(?\s*(?:` +
    String.raw`select\s+(?:distinct\s+)?(?:${item}\s*,\s*)*${item}\s+from\b` +
    String.raw`|insert\s+into\s+(?:${name})?\s*(?:\(|values\b|select\b|set\b)` +
    String.raw`|update\s+(?:${name})?\s*set\s+${name}\s*=` +
    String.raw`|delete\s+from\s+(?:${name}\s*)?(?:where\b|;|$)` +
    ')',
  'i',
);

const isPlus = (b: ts.BinaryExpression): boolean =>
  b.operatorToken.kind === ts.SyntaxKind.PlusToken;

/** The constant text of a template or concatenation, with holes as spaces. */
function constantText(node: ts.TemplateExpression | ts.BinaryExpression, ctx: RuleContext): string {
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => ` ${s.literal.text}`).join('');
  return chainOperands(node, isPlus)
    .map((p) => ctx.constString(p) ?? ' ')
    .join('');
}

/** The name the built string is stored under (`const q = …`, `q = …`, `q += …`). */
function storedAs(node: ts.Expression): string | undefined {
  const p = node.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === node && ts.isIdentifier(p.name))
    return p.name.text;
  if (ts.isBinaryExpression(p) && p.right === node && ts.isIdentifier(p.left)) return p.left.text;
  return undefined;
}

/** The string, or the variable holding it, is the SQL argument of a known query call. */
function reachesQuery(node: ts.Expression, ctx: RuleContext): boolean {
  let p: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) p = p.parent;
  // query({ text: … }), or `const q = { text: … }; query(q)`
  const holder = ts.isPropertyAssignment(p) ? p.parent : undefined;
  if (holder) p = holder.parent;
  if (ts.isCallExpression(p) && isSqlSink(p, ctx) !== undefined) return true;
  const name = storedAs(holder ?? node);
  if (name === undefined) return false;
  let scope: ts.Node = node;
  while (scope.parent && !isFunctionNode(scope)) scope = scope.parent;
  let found = false;
  walkTree(scope, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n) || isSqlSink(n, ctx) === undefined) return true;
    const text = n.arguments.map((a) => unwrap(a).getText());
    found = text.some((t) => t === name || new RegExp(`\\b(text|sql)\\s*:\\s*${name}\\b`).test(t));
    return !found;
  });
  return found;
}

const keyword = /^\s*\(?\s*(select|insert|update|delete)\b/i;

/** Cheap first test: the leading constant text starts with a statement keyword. */
function opensStatement(
  node: ts.TemplateExpression | ts.BinaryExpression,
  ctx: RuleContext,
): boolean {
  if (ts.isTemplateExpression(node)) return keyword.test(node.head.text);
  let first: ts.Expression = node;
  while (ts.isBinaryExpression(first) && isPlus(first)) first = unwrap(first.left);
  return keyword.test(ctx.constString(first) ?? '');
}

function check(node: ts.TemplateExpression | ts.BinaryExpression, ctx: RuleContext): void {
  if (ts.isBinaryExpression(node) && ts.isBinaryExpression(node.parent) && isPlus(node.parent))
    return; // only the whole concatenation
  if (ts.isTaggedTemplateExpression(node.parent)) return; // sql`…` binds what it splices
  if (!opensStatement(node, ctx)) return;
  if (!statement.test(constantText(node, ctx))) return;
  const flow = ctx.flow(node);
  if (!isRemote(flow) || reachesQuery(node, ctx)) return;
  ctx.report(node, {
    rule: 'sql-injection',
    cwe: 'CWE-89',
    severity: 'high',
    message: `SQL text is built from ${sourceText(flow)}: whatever runs it can be injected.`,
    fix: FIX,
  });
}

export const sqlStringsRule: SecurityRule = {
  id: 'sql-strings',
  kinds: [ts.SyntaxKind.TemplateExpression, ts.SyntaxKind.BinaryExpression],
  visit(node, ctx) {
    if (ts.isTemplateExpression(node)) check(node, ctx);
    else if (ts.isBinaryExpression(node) && isPlus(node)) check(node, ctx);
  },
};

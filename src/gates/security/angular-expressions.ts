import ts from '../../lib/typescript.cjs';
import { calleeOf, receiverName, unwrap } from './ast.js';
import { isRemote, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * AngularJS expression injection: `$parse(text)`, `$interpolate(text)` and a scope's
 * `$eval`/`$evalAsync`/`$apply`/`$watch` with a string compile the text as an Angular
 * expression, whose sandbox is escapable (and gone since 1.6): input there runs script in the page
 * (CWE-917). The angular-expressions package's `compile(text)` runs the same language on the
 * server. A function argument runs no text; input only.
 */

const FIX =
  'Never compile expressions from input: evaluate fixed expressions and pass input as data on the scope (scope.value = input; $scope.$eval("value | filter")).';
const compilers = new Set(['$parse', '$interpolate']);
const scopeMethods = new Set(['$eval', '$evalAsync', '$apply', '$applyAsync', '$watch']);

/** The expression text a call compiles, if it is one of the APIs above. */
function expressionText(call: ts.CallExpression, ctx: RuleContext): ts.Expression | undefined {
  const c = calleeOf(call);
  const first = call.arguments[0];
  if (!c || !first) return undefined;
  if (!c.receiver) return compilers.has(c.name) ? first : undefined;
  if (scopeMethods.has(c.name) && /scope$/i.test(receiverName(c.receiver))) return first;
  const r = ctx.resolveCall(call);
  return r?.module === 'angular-expressions' && r.name === 'compile' ? first : undefined;
}

export const angularExpressionsRule: SecurityRule = {
  id: 'angular-expressions',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    const text = expressionText(node, ctx);
    if (!text) return;
    const e = unwrap(text);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return;
    const flow = ctx.flow(e);
    if (!isRemote(flow)) return;
    ctx.report(node, {
      rule: 'code-injection',
      cwe: 'CWE-917',
      severity: 'high',
      message: `An Angular expression is compiled from ${sourceText(flow)}: its sandbox is escapable, so the input runs as script.`,
      fix: FIX,
    });
  },
};

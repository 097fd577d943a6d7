import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import { sourceText } from './rule-kit.js';
import type { SecurityRule } from './types.js';

export const regexInjectionRule: SecurityRule = {
  id: 'regex-injection',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return;
    const callee = unwrap(node.expression);
    if (!ts.isIdentifier(callee) || callee.text !== 'RegExp') return;
    const arg = node.arguments?.[0];
    if (!arg) return;
    const flow = ctx.flow(arg);
    if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
    ctx.report(node, {
      rule: 'regex-injection',
      cwe: 'CWE-1333',
      severity: 'medium',
      message: `RegExp built from ${sourceText(flow)}: a crafted pattern can hang the event loop (ReDoS) or match more than intended.`,
      fix: "Escape the input (x.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&') or _.escapeRegExp) or match it literally with includes()/indexOf().",
    });
  },
};

import ts from 'typescript';
import { chainKey, rootName } from './ast.js';
import { constantPrefix, hasFixedHost, isResponseObject, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

const FIX =
  "Redirect only to relative paths you build (`/users/${id}`) or to URLs whose origin is on an allow-list; reject values starting with '//' or a scheme (javascript:, https:).";

function check(node: ts.Node, value: ts.Expression, what: string, ctx: RuleContext): void {
  const flow = ctx.flow(value);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  if (hasFixedHost(constantPrefix(value, ctx))) return;
  ctx.report(node, {
    rule: 'open-redirect',
    cwe: 'CWE-601',
    severity: 'medium',
    message: `${what} sends the user to a URL taken from ${sourceText(flow)} (phishing; javascript: URLs run script).`,
    fix: FIX,
  });
}

const locationKeys = /^((window|document|self)\.)?location(\.href)?$/;

export const openRedirectRule: SecurityRule = {
  id: 'open-redirect',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.BinaryExpression],
  visit(node, ctx) {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const key = chainKey(node.left);
      if (key !== undefined && locationKeys.test(key)) check(node, node.right, key, ctx);
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const r = ctx.resolveCall(node);
    if (!r?.receiver) return;
    const last = node.arguments[node.arguments.length - 1];
    if (!last) return;
    if (r.name === 'redirect' && isResponseObject(r.receiver))
      check(node, last, `${r.name}()`, ctx);
    else if (
      (r.name === 'assign' || r.name === 'replace') &&
      /(^|\.)location$/.test(chainKey(r.receiver) ?? '')
    ) {
      check(node, last, `location.${r.name}()`, ctx);
    } else if (r.name === 'open' && rootName(r.receiver) === 'window' && node.arguments[0]) {
      check(node, node.arguments[0], 'window.open()', ctx);
    } else if (
      (r.name === 'setHeader' || r.name === 'header' || r.name === 'set') &&
      isResponseObject(r.receiver)
    ) {
      const h = node.arguments[0];
      if (h && ctx.constString(h)?.toLowerCase() === 'location')
        check(node, last, 'Location header', ctx);
    }
  },
};

import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * HTML escaping that replaces only the first occurrence (CWE-116, reported as xss, low):
 * `s.replace('<', '&lt;')` with a string pattern leaves every later `<` raw. Global replaces
 * (a `/g` regex, `replaceAll`) and callback escapers are not reported; which characters an
 * escaper must cover depends on where its output goes (text or attribute), which guard classes
 * judge (guard-classes.ts).
 */

const FIX =
  "Use a maintained escaper (escape-html, he.encode, lodash's escape) or the template engine's escaping; a hand-rolled one must replace globally (a /g regex or replaceAll).";
const replacers = new Set(['replace', 'replaceAll']);
const entity = /^&(#\d+|#x[0-9a-f]+|[a-z]+);$/i;
const special = ['&', '<', '>', '"', "'"];

interface Link {
  call: ts.CallExpression;
  pattern: ts.Expression;
  replacement: ts.Expression;
}

function linkOf(e: ts.Expression): Link | undefined {
  const u = unwrap(e);
  if (!ts.isCallExpression(u) || !ts.isPropertyAccessExpression(u.expression)) return undefined;
  if (!replacers.has(u.expression.name.text)) return undefined;
  const [pattern, replacement] = u.arguments;
  return pattern && replacement ? { call: u, pattern, replacement } : undefined;
}

/** The special characters a pattern matches: a string's text, a regex's literal characters. */
function matched(pattern: ts.Expression): string[] {
  const p = unwrap(pattern);
  const text = ts.isStringLiteralLike(p)
    ? p.text
    : ts.isRegularExpressionLiteral(p)
      ? p.text.slice(1, p.text.lastIndexOf('/'))
      : '';
  return special.filter((c) => text.includes(c));
}

const receiverOf = (l: Link): ts.Expression =>
  (l.call.expression as ts.PropertyAccessExpression).expression;

function check(node: ts.CallExpression, ctx: RuleContext): void {
  const top = linkOf(node);
  if (!top) return;
  // only the outermost replace of a chain
  const parent = node.parent;
  if (
    ts.isPropertyAccessExpression(parent) &&
    ts.isCallExpression(parent.parent) &&
    parent.parent.expression === parent &&
    linkOf(parent.parent)
  )
    return;
  const links: Link[] = [];
  for (let l: Link | undefined = top; l; l = linkOf(receiverOf(l))) links.push(l);
  const firstOnly = links.find((l) => {
    const r = unwrap(l.replacement);
    const p = unwrap(l.pattern);
    const name = (l.call.expression as ts.PropertyAccessExpression).name.text;
    return (
      name === 'replace' &&
      ts.isStringLiteralLike(p) &&
      ts.isStringLiteralLike(r) &&
      entity.test(r.text) &&
      matched(p).length > 0
    );
  });
  if (!firstOnly) return;
  ctx.report(node, {
    rule: 'xss',
    cwe: 'CWE-116',
    severity: 'low',
    message:
      'This HTML escaping replaces only the first occurrence (a string pattern in replace()): later ones stay raw.',
    fix: FIX,
  });
}

export const xssEscapingRule: SecurityRule = {
  id: 'xss-escaping',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) check(node, ctx);
  },
};

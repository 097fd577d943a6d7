import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { rendersRawMarkdown } from './markdown.js';
import { definition, isComponentInput } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * Markup made from a React component's input. The taint engine holds props and state as unknown
 * values; a sink that reports a component's input (`__html: props.body`) must also report text
 * built from it — `'<b>' + name + '</b>'`, `` `<p>${text}</p>` ``, `items.join('<br>')`,
 * `text.replace(/\n/g, '<br>')`, `JSON.stringify(data)`, a raw-HTML markdown renderer (`marked(text)`) — since the
 * input's markup passes through all of them. Anything else (an unknown call, a sanitizer) ends
 * the walk: its result is not the input's text.
 */

/** String methods whose result holds their receiver's text (and, for `concat`, their arguments'). */
const textMethods = new Set([
  'concat',
  'join',
  'replace',
  'replaceAll',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'toString',
  'padStart',
  'padEnd',
]);

const MAX_DEPTH = 6;

export function derivesFromComponentInput(
  expr: ts.Expression,
  ctx: RuleContext,
  depth = 0,
): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = unwrap(expr);
  if (isComponentInput(e)) return true;
  const next = (x: ts.Expression): boolean => derivesFromComponentInput(x, ctx, depth + 1);
  if (ts.isIdentifier(e)) {
    const def = definition(e);
    return def !== e && next(def);
  }
  if (ts.isTemplateExpression(e)) return e.templateSpans.some((s) => next(s.expression));
  if (ts.isBinaryExpression(e)) return joinsText(e) && (next(e.left) || next(e.right));
  if (ts.isConditionalExpression(e)) return next(e.whenTrue) || next(e.whenFalse);
  if (ts.isCallExpression(e)) return callKeepsText(e, ctx, next);
  return false;
}

function joinsText(e: ts.BinaryExpression): boolean {
  const k = e.operatorToken.kind;
  return (
    k === ts.SyntaxKind.PlusToken ||
    k === ts.SyntaxKind.BarBarToken ||
    k === ts.SyntaxKind.QuestionQuestionToken
  );
}

function callKeepsText(
  call: ts.CallExpression,
  ctx: RuleContext,
  next: (x: ts.Expression) => boolean,
): boolean {
  const r = ctx.resolveCall(call);
  const [first] = call.arguments;
  if (r && rendersRawMarkdown(r)) return first !== undefined && next(first);
  const c = calleeOf(call);
  // JSON.stringify quotes strings but leaves `<`, so `</script><img onerror=…>` survives it
  if (c?.name === 'stringify' && c.receiver?.getText() === 'JSON')
    return first !== undefined && next(first);
  if (!c?.receiver || !textMethods.has(c.name)) return false;
  // a replace that escapes markup (`/</g → '&lt;'`) is a sanitizer: the engine says so
  if (ctx.flow(call).state === 'safe') return false;
  if (next(c.receiver)) return true;
  return c.name === 'concat' && call.arguments.some((a) => next(a));
}

import ts from '../../lib/typescript.cjs';
import { objectProperty, receiverName, unwrap } from './ast.js';
import type { ResolvedCall } from './imports.js';
import { definition } from './rule-kit.js';

/**
 * Markdown renderers that keep raw HTML: marked (`marked(md)`, `marked.parse(md)`), showdown
 * (`converter.makeHtml(md)`) and markdown-it created with `{ html: true }` (`md.render(src)`)
 * pass `<img onerror=…>` in the source through to their output, so the HTML they return carries
 * the input's taint (markdown-it escapes raw HTML by default).
 */

const markedCalls = new Set(['marked', 'parse', 'parseInline']);

export function rendersRawMarkdown(r: ResolvedCall): boolean {
  if (r.name === 'makeHtml') return r.receiver !== undefined;
  if ((r.name === 'render' || r.name === 'renderInline') && r.receiver)
    return isRawMarkdownIt(r.receiver);
  if (!markedCalls.has(r.name)) return false;
  if (r.module === 'marked') return true;
  return r.receiver ? receiverName(r.receiver) === 'marked' : r.name === 'marked';
}

/** `new MarkdownIt({ html: true })`, `markdownit('commonmark', { html: true })`, `require('markdown-it')({ html: true })`. */
function isRawMarkdownIt(receiver: ts.Expression): boolean {
  const def = definition(receiver);
  if (!ts.isNewExpression(def) && !ts.isCallExpression(def)) return false;
  if (!/markdown-?it/i.test(def.expression.getText())) return false;
  return (def.arguments ?? []).some((a) => {
    const o = unwrap(a);
    const html = ts.isObjectLiteralExpression(o) ? objectProperty(o, 'html') : undefined;
    return html !== undefined && unwrap(html).kind === ts.SyntaxKind.TrueKeyword;
  });
}

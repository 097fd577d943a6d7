import { receiverName } from './ast.js';
import type { ResolvedCall } from './imports.js';

/**
 * Markdown renderers that keep raw HTML: marked (`marked(md)`, `marked.parse(md)`) and showdown
 * (`converter.makeHtml(md)`) pass `<img onerror=…>` in the source through to their output, so
 * the HTML they return carries the input's taint (markdown-it escapes raw HTML by default).
 */

const markedCalls = new Set(['marked', 'parse', 'parseInline']);

export function rendersRawMarkdown(r: ResolvedCall): boolean {
  if (r.name === 'makeHtml') return r.receiver !== undefined;
  if (!markedCalls.has(r.name)) return false;
  if (r.module === 'marked') return true;
  return r.receiver ? receiverName(r.receiver) === 'marked' : r.name === 'marked';
}

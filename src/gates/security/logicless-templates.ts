import { receiverName } from './ast.js';
import type { ResolvedCall } from './imports.js';

/**
 * Logic-less template engines (Mustache, Hogan's `render`) run no code from a template, so a
 * template from input is no template injection; but their output is the template's own text with
 * the values filled in, so markup in an input template reaches the page unescaped. Their
 * `render(template, view)` result carries the template's taint. The view's values are escaped
 * (a raw `{{{name}}}` in a constant template is reported where it is rendered: inline-templates.ts).
 */

const moduleNames = new Set(['mustache']);
const receiverNames = /^(Mustache|mustache)$/;

/** `Mustache.render(template, view)`: the call whose output repeats its first argument. */
export function rendersTemplateText(r: ResolvedCall): boolean {
  if (r.name !== 'render') return false;
  if (r.module !== undefined && moduleNames.has(r.module)) return true;
  return r.receiver !== undefined && receiverNames.test(receiverName(r.receiver));
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, receiverName, unwrap } from './ast.js';
import { definition } from './rule-kit.js';
import { guardedFlow, type GuardClass } from './guard-classes.js';
import type { ResolvedCall } from './imports.js';
import { joinFlow, SAFE } from './scope.js';
import type { Flow } from './types.js';

/**
 * Calls that make a value safe for one class of sink only. `path.basename(p)` and dropping every
 * `..` keep a file name in its directory, yet the name can still hold markup or quotes;
 * HTML escaping (`escapeHtml(x)`, `DOMPurify.sanitize(x)`, `.replace(/</g, '&lt;')`) makes text
 * safe in a page, not in SQL, a shell command or a URL; `encodeURIComponent` leaves `'` and `..`
 * as they are.
 */

const htmlName = /html|xss|purif/i;
const htmlModules = new Set([
  'escape-html',
  'sanitize-html',
  'xss',
  'dompurify',
  'isomorphic-dompurify',
  'he',
]);

function replaceArgs(call: ts.CallExpression): [string, string | undefined] | undefined {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !ts.isRegularExpressionLiteral(pattern)) return undefined;
  const to = replacement && ts.isStringLiteralLike(replacement) ? replacement.text : undefined;
  return [pattern.text, to];
}

/**
 * `x.replace(/\.\./g, '')` drops every `..`; `path.normalize(p).replace(/^(\.\.(\/|\\|$))+/, '')`
 * strips the leading ones, the only ones a normalized path can hold.
 */
export function dropsTraversal(call: ts.CallExpression): boolean {
  const args = replaceArgs(call);
  if (!args || args[1] !== '' || !args[0].includes('\\.\\.')) return false;
  const re = args[0];
  if (/\/[a-z]*g[a-z]*$/.test(re)) return true;
  return re.startsWith('/^(') && /\)[+*]/.test(re) && normalized(call.expression);
}

/** The receiver of `recv.replace(…)` is a `normalize(…)` result (in place or in its variable). */
function normalized(callee: ts.Expression): boolean {
  const c = unwrap(callee);
  if (!ts.isPropertyAccessExpression(c)) return false;
  const recv = definition(unwrap(c.expression));
  return ts.isCallExpression(recv) && calleeOf(recv)?.name === 'normalize';
}

/** `x.replace(/[<>&]/g, (c) => map[c])`, `.replace(/</g, '&lt;')`: HTML entity escaping. */
function escapesMarkup(re: string, to: string | undefined, call: ts.CallExpression): boolean {
  if (to !== undefined) return re.includes('<') && /^&(#?\w+);$/.test(to);
  return /[<>]/.test(re) && call.arguments[1] !== undefined;
}

function replaceClass(call: ts.CallExpression): GuardClass | undefined {
  const args = replaceArgs(call);
  if (!args) return undefined;
  if (dropsTraversal(call)) return 'path';
  return escapesMarkup(args[0], args[1], call) ? 'html' : undefined;
}

/** The guard class a sanitizing call (calls.ts `isSanitizer`) belongs to, when it protects one class of sink only. */
/**
 * serialize-javascript's `serialize(value)`: escapes `<`, `>`, `/` and the line separators, so its
 * output can sit in a `<script>` element; with `{ unsafe: true }` it escapes nothing.
 */
export function isEscapingSerialize(r: ResolvedCall, call: ts.CallExpression): boolean {
  if (r.module !== 'serialize-javascript' || r.receiver) return false;
  const opts = call.arguments[1] && unwrap(call.arguments[1]);
  if (!opts) return true;
  if (!ts.isObjectLiteralExpression(opts)) return false;
  const unsafe = objectProperty(opts, 'unsafe');
  return unsafe === undefined || unwrap(unsafe).kind === ts.SyntaxKind.FalseKeyword;
}

export function sanitizerClass(r: ResolvedCall, call: ts.CallExpression): GuardClass | undefined {
  if (r.name === 'replace' || r.name === 'replaceAll') return replaceClass(call);
  if (isEscapingSerialize(r, call)) return 'html';
  if (r.name === 'basename') return 'path';
  // percent-encodes `< > " : / ; | & $` but not `'` or `..`
  if (r.name === 'encodeURIComponent' && !r.receiver) return 'uri';
  const recv = r.receiver ? receiverName(r.receiver) : '';
  if (htmlName.test(r.name) || htmlName.test(recv)) return 'html';
  return r.module !== undefined && htmlModules.has(r.module) ? 'html' : undefined;
}

/** What a one-class sanitizer returns: its input, safe for that class's rules only. */
export function classSanitized(cls: GuardClass, value: readonly Flow[]): Flow {
  let out: Flow = SAFE;
  for (const f of value) out = joinFlow(out, f);
  if (out.state !== 'tainted') return SAFE;
  return guardedFlow({ state: 'tainted', taint: { ...out.taint, maybeObject: false } }, cls);
}

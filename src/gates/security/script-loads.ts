import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, unwrap } from './ast.js';
import { hasFixedHost, constantPrefix, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * APIs that fetch a script from a URL and run it: jQuery's `$.ajax({ url, dataType: 'script' })`
 * (also `jsonp`, which runs the response as a callback; `$.getScript` is in xss-jquery.ts) and a
 * web worker's `importScripts(url)`, and the script of a new worker (`new Worker(url)`,
 * `new SharedWorker(url)`, worker_threads' `new Worker(file)`). Input choosing the URL chooses
 * the code that runs (CWE-94/829); a URL with a fixed host or a same-site path does not.
 */

const FIX =
  'Load scripts only from fixed URLs of your own origin (or an allow-list of them); never let input choose the script URL.';
const jquery = /^(\$|jQuery)$/;

/** Worker classes whose first argument names the script the worker runs. */
const workers = new Set(['Worker', 'SharedWorker']);
const workerHosts = /^(window|self|globalThis|worker_threads|workerThreads)$/;

/** The script URL or file of `new Worker(url)`, `new worker_threads.Worker(file)`. */
function workerScript(call: ts.NewExpression): ts.Expression | undefined {
  const c = calleeOf(call);
  if (!c || !workers.has(c.name)) return undefined;
  const recv = c.receiver && unwrap(c.receiver);
  if (recv && !(ts.isIdentifier(recv) && workerHosts.test(recv.text))) return undefined;
  return call.arguments?.[0];
}

/** The URL argument of a script-loading call, if this is one. */
function scriptUrl(call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
  if (ts.isNewExpression(call)) return workerScript(call);
  const c = calleeOf(call);
  if (!c) return undefined;
  if (!c.receiver) return c.name === 'importScripts' ? call.arguments[0] : undefined;
  const recv = unwrap(c.receiver);
  if (!ts.isIdentifier(recv) || !jquery.test(recv.text)) return undefined;
  if (c.name !== 'ajax') return undefined;
  const [first, second] = call.arguments;
  const opts = [first, second].map((a) => (a ? unwrap(a) : undefined)).find(isObject);
  const type = opts && objectProperty(opts, 'dataType');
  const t = type && unwrap(type);
  if (!t || !ts.isStringLiteralLike(t) || !/^(script|jsonp)$/.test(t.text)) return undefined;
  return first && !isObject(unwrap(first)) ? first : objectProperty(opts, 'url');
}

const isObject = (e: ts.Expression | undefined): e is ts.ObjectLiteralExpression =>
  e !== undefined && ts.isObjectLiteralExpression(e);

export const scriptLoadsRule: SecurityRule = {
  id: 'script-loads',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx: RuleContext) {
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
    const url = scriptUrl(node);
    if (!url) return;
    const flow = ctx.flow(url);
    if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
    if (hasFixedHost(constantPrefix(url, ctx))) return;
    ctx.report(node, {
      rule: 'code-injection',
      cwe: 'CWE-94',
      severity: 'high',
      message: `A script is loaded and run from a URL taken from ${sourceText(flow)}: the input chooses the code.`,
      fix: FIX,
    });
  },
};

import ts from '../../lib/typescript.cjs';
import { calleeOf, memberName } from './ast.js';
import { taintedFlow } from './sources.js';
import type { Flow } from './types.js';

/**
 * Callbacks whose parameters are input by the API's contract:
 * - Express `router.param('id', (req, res, next, id) => …)`: the fourth parameter is the value of
 *   the route parameter, taken from the URL.
 * - Browser-extension messages, `chrome.runtime.onMessage.addListener((message, sender) => …)`
 *   and `port.onMessage.addListener(message => …)`: sent by content scripts that run inside
 *   web pages, or by other extensions and sites (`onMessageExternal`).
 */

type Fn = ts.FunctionLikeDeclaration;

const REQUEST: Flow = { state: 'object', kind: 'request' };
const UNKNOWN: Flow = { state: 'unknown' };
const messageEvents = /^on(Message|MessageExternal|Request|RequestExternal)$/;

/** Parameter flows for `fn` passed to `call`, if the API says they are input. */
export function callbackSourceFlows(fn: Fn, call: ts.CallExpression): Flow[] | undefined {
  const c = calleeOf(call);
  if (!c?.receiver || call.arguments[call.arguments.length - 1] !== fn) return undefined;
  if (
    c.name === 'param' &&
    call.arguments.length === 2 &&
    ts.isStringLiteralLike(call.arguments[0]!)
  )
    return [REQUEST, UNKNOWN, UNKNOWN, taintedFlow('route parameter')];
  if (c.name === 'addListener' && messageEvents.test(memberName(c.receiver) ?? ''))
    return [taintedFlow('extension message', 'remote', true)];
  return undefined;
}

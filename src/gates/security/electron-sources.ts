import ts from '../../lib/typescript.cjs';
import { calleeOf, receiverName } from './ast.js';
import { taintedFlow } from './sources.js';
import type { Flow } from './types.js';

/**
 * Callback parameters of Electron's main process that carry input from web content:
 * - `ipcMain.on/handle(channel, (event, ...args) => …)`: arguments sent by a renderer page.
 * - `app.on('open-url', (event, url) => …)` and `app.on('second-instance', (event, argv) => …)`:
 *   a deep link (`myapp://…`) that any web page can open, and the command line carrying it.
 * - `contents.on('will-navigate' | 'will-redirect', (event, url) => …)` and
 *   `setWindowOpenHandler(({ url }) => …)`: where the page's own content asks to go.
 */

type Fn = ts.FunctionLikeDeclaration;

const UNKNOWN: Flow = { state: 'unknown' };
const ipcMethods = new Set(['on', 'handle', 'once', 'handleOnce']);
const appEvents: Readonly<Record<string, string>> = {
  'open-url': 'deep link URL',
  'second-instance': 'second-instance command line',
};
const navigationEvents = new Set(['will-navigate', 'will-redirect', 'will-frame-navigate']);

/** Every parameter after the event is input. */
const afterEvent = (fn: Fn, source: string): Flow[] => [
  UNKNOWN,
  ...fn.parameters.slice(1).map(() => taintedFlow(source, 'remote', true)),
];

/** Parameter flows of `fn` when `call` registers it as one of the handlers above. */
export function electronParamFlows(fn: Fn, call: ts.CallExpression): Flow[] | undefined {
  const c = calleeOf(call);
  if (!c?.receiver || call.arguments[call.arguments.length - 1] !== fn) return undefined;
  if (c.name === 'setWindowOpenHandler')
    return [taintedFlow('URL a page asks to open', 'remote', true)];
  const first = call.arguments[0];
  const event = first && ts.isStringLiteralLike(first) ? first.text : undefined;
  const recv = receiverName(c.receiver);
  if (recv === 'ipcMain' && ipcMethods.has(c.name))
    return afterEvent(fn, 'IPC message from a renderer');
  if (c.name !== 'on' && c.name !== 'once') return undefined;
  if (recv === 'app' && event !== undefined && Object.hasOwn(appEvents, event))
    return afterEvent(fn, appEvents[event] ?? event);
  if (event !== undefined && navigationEvents.has(event) && /contents$/i.test(recv))
    return afterEvent(fn, 'URL the page navigates to');
  return undefined;
}

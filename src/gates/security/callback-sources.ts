import ts from '../../lib/typescript.cjs';
import { calleeOf, memberName, unwrap } from './ast.js';
import { definition } from './rule-kit.js';
import { taintedFlow } from './sources.js';
import type { Flow } from './types.js';

/**
 * Callbacks whose parameters are input by the API's contract:
 * - Express `router.param('id', (req, res, next, id) => …)`: the fourth parameter is the value of
 *   the route parameter, taken from the URL.
 * - Multipart parsers: busboy's `on('file', (name, stream, info) => …)` and `on('field', …)`,
 *   formidable's and multiparty's `form.parse(req, (err, fields, files) => …)`: field values and
 *   file names are whatever the client sent.
 * - commander's `program.command('x <file>').action((file, options) => …)`: command-line
 *   arguments, local input like `process.argv`.
 * - Firebase callable functions, `https.onCall((data, context) => …)` (v1) and
 *   `onCall((request) => request.data)` (v2): the client sends `data`.
 * - JSZip archives, `zip.forEach((relativePath, file) => …)` on a loaded archive: entry paths
 *   are chosen by whoever made the archive (zip-slip).
 * - tRPC procedures, `publicProcedure.input(schema).query(({ input, ctx }) => …)` (also
 *   `mutation`, `subscription`): `input` is what the client sent; the schema fixes its shape,
 *   not what its strings say.
 * - Browser-extension messages, `chrome.runtime.onMessage.addListener((message, sender) => …)`
 *   and `port.onMessage.addListener(message => …)`: sent by content scripts that run inside
 *   web pages, or by other extensions and sites (`onMessageExternal`).
 */

type Fn = ts.FunctionLikeDeclaration;

const REQUEST: Flow = { state: 'object', kind: 'request' };
const UNKNOWN: Flow = { state: 'unknown' };
const RPC_CALL: Flow = { state: 'object', kind: 'rpc-call' };
const procedureKinds = new Set(['query', 'mutation', 'subscription']);

/** A tRPC procedure builder: `t.procedure.input(schema)`, `publicProcedure.use(auth)`. */
function isProcedure(receiver: ts.Expression): boolean {
  return /\b[\w$]*[pP]rocedure\b/.test(receiver.getText());
}

const messageEvents = /^on(Message|MessageExternal|Request|RequestExternal)$/;

const busboyImport = /['"](@fastify\/busboy|connect-busboy|busboy)['"]/;
const busboyFiles = new WeakMap<ts.SourceFile, boolean>();

function usesBusboy(sf: ts.SourceFile): boolean {
  let uses = busboyFiles.get(sf);
  if (uses === undefined) {
    uses = busboyImport.test(sf.text);
    busboyFiles.set(sf, uses);
  }
  return uses;
}

function multipartFlows(fn: Fn, call: ts.CallExpression, name: string): Flow[] | undefined {
  const [first] = call.arguments;
  if (!first) return undefined;
  const part = taintedFlow('multipart form data', 'remote', true);
  if (name === 'on' && ts.isStringLiteralLike(first) && /^(file|field)$/.test(first.text))
    return usesBusboy(call.getSourceFile()) ? fn.parameters.map(() => part) : undefined;
  if (
    name === 'parse' &&
    call.arguments.length === 2 &&
    /^(req|request|ctx\.req)$/.test(first.getText())
  )
    return [UNKNOWN, part, part];
  return undefined;
}

/** `program.command(…)`, `program.argument(…)`, `new Command(…)`: a commander command. */
function isCommanderChain(receiver: ts.Expression): boolean {
  return /\b(program|commander|cli)\b|\.(command|argument|arguments|option)\(|\bnew Command\(/.test(
    receiver.getText(),
  );
}

/** `const zip = await JSZip.loadAsync(data)` / `new JSZip()`: a JSZip archive. */
function isLoadedZip(receiver: ts.Expression): boolean {
  let def = definition(receiver);
  if (ts.isAwaitExpression(def)) def = unwrap(def.expression);
  if (ts.isCallExpression(def)) return calleeOf(def)?.name === 'loadAsync';
  return ts.isNewExpression(def) && /^JSZip$/i.test(unwrap(def.expression).getText());
}

/** Parameter flows for `fn` passed to `call`, if the API says they are input. */
export function callbackSourceFlows(fn: Fn, call: ts.CallExpression): Flow[] | undefined {
  const c = calleeOf(call);
  if (c?.name === 'onCall' && call.arguments[call.arguments.length - 1] === fn)
    return [taintedFlow('callable function data', 'remote', true)];
  if (c?.name === 'action' && c.receiver && isCommanderChain(c.receiver))
    return fn.parameters.map(() => taintedFlow('command-line argument', 'local', true));
  if (!c?.receiver || call.arguments[call.arguments.length - 1] !== fn) return undefined;
  if (
    c.name === 'param' &&
    call.arguments.length === 2 &&
    ts.isStringLiteralLike(call.arguments[0]!)
  )
    return [REQUEST, UNKNOWN, UNKNOWN, taintedFlow('route parameter')];
  if (c.name === 'forEach' && fn.parameters.length === 2 && isLoadedZip(c.receiver))
    return [taintedFlow('archive entry path'), UNKNOWN];
  if (procedureKinds.has(c.name) && call.arguments.length === 1 && isProcedure(c.receiver))
    return [RPC_CALL];
  if (c.name === 'addListener' && messageEvents.test(memberName(c.receiver) ?? ''))
    return [taintedFlow('extension message', 'remote', true)];
  return multipartFlows(fn, call, c.name);
}

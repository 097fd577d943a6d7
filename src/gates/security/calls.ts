import ts from '../../lib/typescript.cjs';
import { receiverName, unwrap } from './ast.js';
import { evalFlow, type FlowHost } from './flow.js';
import { resolveCall, type ResolvedCall } from './imports.js';
import { CONSTANT, joinFlow, SAFE, UNKNOWN } from './scope.js';
import { argvParserFlow } from './argv-parsers.js';
import { rendersRawMarkdown } from './markdown.js';
import { rendersTemplateText } from './logicless-templates.js';
import {
  classSanitized,
  dropsTraversal,
  isEscapingSerialize,
  sanitizerClass,
} from './class-sanitizers.js';
import { isQuotingSqlFormat } from './sql-formatters.js';
import { pathGetterFlow } from './path-getters.js';
import { promiseFlow } from './promise-executors.js';
import { asPart, objectMethod, taintedFlow } from './sources.js';
import type { Flow } from './types.js';

const sanitizerNames = new Set([
  'parseInt',
  'parseFloat',
  'Number',
  'Boolean',
  'BigInt',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'basename',
  'ObjectId',
  'xss',
  'filterXSS',
  'digest',
  'toFixed',
  'getTime',
  'randomUUID',
]);
const sanitizerPattern =
  /(?<!un)escape|saniti[sz]|purif|encode|validat|^quote$|^slugify$|^(is|has)[A-Z_]|^to(Int|Number|Integer)$/i;
const booleanMethods = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'test',
  'has',
  'some',
  'every',
  'localeCompare',
  'search',
  'charCodeAt',
  'codePointAt',
  'findIndex',
  'isInteger',
  'isSafeInteger',
]);
const validatorMethods = new Set([
  'parse',
  'parseAsync',
  'safeParse',
  'validate',
  'validateSync',
  'validateAsync',
  'cast',
  'assert',
]);
const parseLike = new Set([
  'JSON',
  'url',
  'URL',
  'qs',
  'querystring',
  'path',
  'yaml',
  'YAML',
  'JSON5',
  'cookie',
  'toml',
  'csv',
  'Date',
  'ini',
]);
const pathPropagators = new Set([
  'join',
  'resolve',
  'normalize',
  'relative',
  'dirname',
  'format',
  'extname',
]);
const freePropagators = new Set([
  'String',
  'decodeURIComponent',
  'decodeURI',
  'unescape',
  'atob',
  'btoa',
  'format',
  'sprintf',
  'vsprintf',
]);
const receiverPropagators: Record<string, ReadonlySet<string>> = {
  JSON: new Set(['parse', 'stringify']),
  Object: new Set(['keys', 'values', 'entries', 'fromEntries', 'assign']),
  Buffer: new Set(['from', 'concat']),
  util: new Set(['format']),
  url: new Set(['parse', 'format', 'resolve']),
  querystring: new Set(['parse', 'stringify', 'unescape']),
  qs: new Set(['parse', 'stringify']),
  Array: new Set(['from', 'of']),
  String: new Set(['raw']),
  Promise: new Set(['resolve', 'all', 'allSettled', 'race', 'any']),
};
const objectPreserving = new Set([
  'slice',
  'filter',
  'concat',
  'flat',
  'reverse',
  'sort',
  'valueOf',
]);
const stringBuilders = new Set([
  'concat',
  'join',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'repeat',
  'format',
]);
const fsReads = new Set(['readFileSync', 'readFile']);
const httpClients = new Set(['axios', 'got', 'superagent', 'needle', 'ky']);

function joinArgs(args: readonly Flow[]): Flow {
  let out: Flow = CONSTANT;
  for (const a of args) out = joinFlow(out, asPart(a));
  return out;
}

function propagate(args: readonly Flow[], maybeObject: boolean): Flow {
  const out = joinArgs(args);
  if (out.state !== 'tainted') return out.state === 'constant' ? CONSTANT : out;
  return { state: 'tainted', taint: { ...out.taint, maybeObject } };
}

/** `x.replace(/[^a-z0-9]/g, '')`, HTML-escaping and RegExp-escaping replaces are sanitizers. */
function isSanitizingReplace(call: ts.CallExpression): boolean {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !ts.isRegularExpressionLiteral(pattern)) return false;
  const re = pattern.text;
  if (re.startsWith('/[^') || re.startsWith('/^[^')) return true;
  if (replacement && ts.isStringLiteralLike(replacement)) {
    const to = replacement.text;
    if (to.includes('$&')) return true; // RegExp escaping
    if (re.includes('<') && /^&(#?\w+);$/.test(to)) return true; // HTML entity escaping
    if (/['"]/.test(re) && to.includes('\\')) return true; // quote escaping ('\'' for sh)
    if (dropsTraversal(call)) return true; // drops every '..' (or, normalized, the leading ones)
  }
  return /[<>]/.test(re) && replacement !== undefined && !ts.isStringLiteralLike(replacement);
}

function isSanitizer(r: ResolvedCall, call: ts.CallExpression): boolean {
  if (sanitizerNames.has(r.name) || sanitizerPattern.test(r.name)) return true;
  if (isEscapingSerialize(r, call)) return true;
  const recv = receiverName(r.receiver);
  if (recv === 'Math' || recv === 'Number' || (r.module === 'path' && r.name === 'basename'))
    return true;
  if (recv === 'path' && r.name === 'basename') return true;
  // schema.parse(value): a validator is handed the value; `argv.parse()` validates nothing
  if (validatorMethods.has(r.name) && r.receiver && !parseLike.has(recv) && call.arguments.length)
    return true;
  if ((r.name === 'replace' || r.name === 'replaceAll') && isSanitizingReplace(call)) return true;
  return booleanMethods.has(r.name) && r.receiver !== undefined;
}

/** A sanitizer's result: safe, or safe for one class of sink (`path.basename(p)`, `escapeHtml(x)`). */
function sanitized(r: ResolvedCall, call: ts.CallExpression, rf: Flow | undefined, args: Flow[]) {
  const cls = sanitizerClass(r, call);
  if (!cls) return SAFE;
  return classSanitized(cls, r.name.startsWith('replace') && rf ? [rf] : args);
}

function isPropagator(r: ResolvedCall): boolean {
  const recv = receiverName(r.receiver);
  if (
    (r.module === 'path' || recv === 'path' || recv === 'posix' || recv === 'win32') &&
    pathPropagators.has(r.name)
  )
    return true;
  if (!r.receiver)
    return freePropagators.has(r.name) || (r.module === 'util' && r.name === 'format');
  // the module object itself, however it is reached (`require('util').format(…)`, a renamed import)
  const mod = r.module?.replace(/^node:/, '');
  if (mod && Object.hasOwn(moduleReceivers, mod) && moduleReceivers[mod]?.has(r.name)) return true;
  return Object.hasOwn(receiverPropagators, recv)
    ? (receiverPropagators[recv]?.has(r.name) ?? false)
    : false;
}

/** Node modules among the receivers above: their functions propagate whatever names them. */
const moduleReceivers: Record<string, ReadonlySet<string> | undefined> = {
  util: receiverPropagators['util'],
  url: receiverPropagators['url'],
  querystring: receiverPropagators['querystring'],
  qs: receiverPropagators['qs'],
};

function isFsRead(r: ResolvedCall): boolean {
  const recv = receiverName(r.receiver);
  return (
    fsReads.has(r.name) && (r.module === 'fs' || /^(fs|fsp|fse|fsPromises|promises)$/.test(recv))
  );
}

/** File contents are local input, unless the path is a constant (files shipped with the app). */
function fsReadFlow(call: ts.CallExpression, r: ResolvedCall, host: FlowHost): Flow {
  const [p] = call.arguments;
  const pf = p ? evalFlow(p, host) : UNKNOWN;
  return pf.state === 'constant' ? SAFE : taintedFlow(`fs.${r.name}()`, 'local');
}

/** Client-side routers: the hooks that read the page's URL (path params, query, hash). */
const routerModules =
  /^(react-router|react-router-dom|@remix-run\/react|next\/router|next\/navigation|next\/headers|vue-router|@tanstack\/react-router)$/;

/**
 * `useParams()`, `useSearchParams()` give URL input; `useLocation()` is the location;
 * `useRouter()` (Next.js pages) and `useRoute()` (Vue) carry `.query`/`.params` like a request.
 */
function routerHook(r: ResolvedCall): Flow | undefined {
  if (r.receiver || !routerModules.test(r.module ?? '')) return undefined;
  if (r.name === 'useParams' || r.name === 'useSearchParams')
    return taintedFlow(`${r.name}()`, 'remote', false);
  if (r.name === 'useLocation') return { state: 'object', kind: 'location' };
  if (r.name === 'useRoute' || (r.name === 'useRouter' && r.module === 'next/router'))
    return { state: 'object', kind: 'request' };
  // next/headers: cookies().get(name), headers().get(name) read the request being served
  if (r.module === 'next/headers' && (r.name === 'cookies' || r.name === 'headers'))
    return { state: 'object', kind: 'request' };
  return undefined;
}

function sourceCall(r: ResolvedCall): Flow | undefined {
  const hook = routerHook(r);
  if (hook) return hook;
  const recv = receiverName(r.receiver);
  if (r.name === 'fetch' && (!r.receiver || recv === 'window' || recv === 'globalThis')) {
    return { state: 'object', kind: 'response' };
  }
  if (
    httpClients.has(r.module ?? '') ||
    httpClients.has(recv) ||
    (!r.receiver && httpClients.has(r.name))
  ) {
    return { state: 'object', kind: 'response' };
  }
  return undefined;
}

function methodOnReceiver(r: ResolvedCall, rf: Flow, argFlows: Flow[]): Flow {
  if (rf.state === 'object') return objectMethod(rf.kind, r.name) ?? UNKNOWN;
  if (rf.state === 'tainted') {
    const maybeObject = rf.taint.maybeObject && objectPreserving.has(r.name);
    return { state: 'tainted', taint: { ...rf.taint, maybeObject } };
  }
  if (rf.state === 'constant' || rf.state === 'safe') {
    const args = joinArgs(argFlows);
    if (stringBuilders.has(r.name) && args.state === 'tainted') return propagate(argFlows, false);
    if (args.state === 'constant' || args.state === 'safe')
      return rf.state === 'constant' ? CONSTANT : SAFE;
  }
  return UNKNOWN;
}

export function evalCall(call: ts.CallExpression, host: FlowHost): Flow {
  const r = resolveCall(call, host.imports);
  if (!r) return UNKNOWN;
  if (isFsRead(r)) return fsReadFlow(call, r, host);
  const src = sourceCall(r);
  if (src) return src;
  // React memo hooks carry what their callback returns (`useMemo(() => DOMPurify.sanitize(x))`)
  if (r.name === 'useMemo' || r.name === 'useCallback')
    return host.callbackResult?.(call) ?? UNKNOWN;
  const argFlows = call.arguments.map((a) => evalFlow(a, host));
  // Functions of this file are judged by their bodies, whatever their names promise.
  const local = r.module === undefined ? host.callLocal(call, argFlows) : undefined;
  if (local) return local;
  const byPath = pathGetterFlow(r, call, argFlows);
  if (byPath) return byPath;
  // Methods of source objects first: `$location.search()` reads the URL, whatever `search` means on strings.
  const rf = r.receiver ? evalFlow(r.receiver, host) : undefined;
  const m = rf?.state === 'object' ? objectMethod(rf.kind, r.name) : undefined;
  if (m) return m;
  if (rendersRawMarkdown(r)) return propagate(argFlows, false);
  if (rendersTemplateText(r)) return propagate(argFlows.slice(0, 1), false);
  const argv = argvParserFlow(r, argFlows);
  if (argv) return argv;
  if (isSanitizer(r, call) || isQuotingSqlFormat(r, call)) return sanitized(r, call, rf, argFlows);
  if (isPropagator(r)) return propagate(argFlows, r.name === 'parse' || r.name === 'keys');
  if (rf) return methodOnReceiver(r, rf, argFlows);
  return UNKNOWN;
}

export function evalNew(e: ts.NewExpression, host: FlowHost): Flow {
  const callee = unwrap(e.expression);
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : '';
  const argFlows = (e.arguments ?? []).map((a) => evalFlow(a, host));
  if (name === 'URL' || name === 'URLSearchParams' || name === 'String')
    return propagate(argFlows, false);
  if (name === 'Set' || name === 'Array' || name === 'Map') return propagate(argFlows, true);
  // `new Request(url, init)`: the fetch API's request object carries its URL
  if (name === 'Request') return propagate(argFlows.slice(0, 1), false);
  if (name === 'ObjectId' || name === 'Date' || name === 'RegExp') return SAFE;
  if (name === 'Promise') return promiseFlow(e, host);
  return UNKNOWN;
}

import ts from '../../lib/typescript.cjs';
import { routeMember } from './angular-route.js';
import type { Flow, ObjectKind, SourceKind } from './types.js';

function tainted(source: string, kind: SourceKind = 'remote', maybeObject = false): Flow {
  return { state: 'tainted', taint: { kind, source, maybeObject } };
}

/** Request members that carry attacker input; `true` when the value may be an object. */
const requestMembers: Record<string, boolean> = {
  query: true,
  body: true,
  payload: true,
  files: true,
  file: true,
  params: false,
  headers: false,
  header: false,
  cookies: false,
  signedCookies: false,
  url: false,
  originalUrl: false,
  path: false,
  hostname: false,
  host: false,
  href: false,
  querystring: false,
  search: false,
  nextUrl: false,
  searchParams: false,
  rawBody: false,
  origin: false,
};

const eventMembers: Record<string, boolean> = {
  data: true,
  body: false,
  queryStringParameters: true,
  multiValueQueryStringParameters: true,
  pathParameters: false,
  headers: false,
};

const locationMembers = new Set(['hash', 'search', 'href', 'pathname', 'searchParams']);
const documentMembers = new Set(['URL', 'documentURI', 'referrer', 'cookie', 'baseURI']);

/** Flow of `base.name` when base is a source-bearing object. */
export function objectMember(kind: ObjectKind, name: string): Flow {
  switch (kind) {
    case 'request':
    case 'koa-ctx': {
      if (name === 'request' || name === 'req') return { state: 'object', kind: 'request' };
      const obj = Object.hasOwn(requestMembers, name) ? requestMembers[name] : undefined;
      if (obj === undefined) return { state: 'unknown' };
      return tainted(`${kind === 'request' ? 'request' : 'ctx'}.${name}`, 'remote', obj);
    }
    case 'event': {
      // A Lambda/queue event is input through and through: unknown members are input too.
      const obj = Object.hasOwn(eventMembers, name) ? eventMembers[name] : true;
      return tainted(`event.${name}`, 'remote', obj);
    }
    case 'response':
      return name === 'data' || name === 'body'
        ? tainted(`response.${name}`, 'remote', true)
        : { state: 'unknown' };
    case 'location':
      return locationMembers.has(name) ? tainted(`location.${name}`) : { state: 'unknown' };
    case 'document':
      if (name === 'location') return { state: 'object', kind: 'location' };
      return documentMembers.has(name) ? tainted(`document.${name}`) : { state: 'unknown' };
    case 'window':
      if (name === 'location') return { state: 'object', kind: 'location' };
      if (name === 'document') return { state: 'object', kind: 'document' };
      if (name === 'localStorage' || name === 'sessionStorage')
        return { state: 'object', kind: 'storage' };
      return name === 'name' ? tainted('window.name') : { state: 'unknown' };
    case 'storage':
      return { state: 'unknown' };
    case 'route':
      return routeMember(name);
    case 'rpc-call':
      // tRPC's resolver options: `input` is what the client sent (schema-checked shape only)
      return name === 'input' ? tainted('procedure input', 'remote', true) : { state: 'unknown' };
    case 'process':
      if (name === 'argv') return tainted('process.argv', 'local');
      if (name === 'env') return tainted('process.env', 'local');
      return { state: 'unknown' };
  }
}

/** Methods on source objects whose result is attacker input. */
export function objectMethod(kind: ObjectKind, name: string): Flow | undefined {
  if (kind === 'request' || kind === 'koa-ctx') {
    if (['json', 'formData', 'parseBody', 'valid', 'queries'].includes(name))
      return tainted(`request.${name}()`, 'remote', true);
    if (
      ['text', 'get', 'header', 'param', 'getHeader', 'cookie', 'query', 'queries'].includes(name)
    )
      return tainted(`request.${name}()`);
  }
  if (kind === 'response') {
    if (name === 'json') return tainted('response.json()', 'remote', true);
    if (['text', 'blob', 'arrayBuffer'].includes(name)) return tainted(`response.${name}()`);
  }
  if (kind === 'location' && name === 'toString') return tainted('location');
  // Web storage holds whatever any script of the origin (or an earlier injection) put there.
  if (kind === 'storage' && name === 'getItem') return tainted('web storage getItem()');
  // AngularJS $location: search(), hash(), url(), path(), absUrl() read the URL
  if (kind === 'location' && ['search', 'hash', 'url', 'path', 'absUrl'].includes(name))
    return tainted(`$location.${name}()`, 'remote', name === 'search');
  return undefined;
}

/**
 * AngularJS services injected by name (`function ($scope, $location, $routeParams) {…}`):
 * route parameters are URL input, `$location`/`$window` are the browser's location and window.
 */
export function angularService(name: string): Flow | undefined {
  switch (name) {
    case '$routeParams':
    case '$stateParams':
      return tainted(name, 'remote', false);
    case '$location':
      return { state: 'object', kind: 'location' };
    case '$window':
      return { state: 'object', kind: 'window' };
    default:
      return undefined;
  }
}

/** Free (undeclared) identifiers that are sources or source objects. */
export function globalIdentifier(name: string): Flow | undefined {
  const service = angularService(name);
  if (service) return service;
  switch (name) {
    case 'location':
      return { state: 'object', kind: 'location' };
    case 'document':
      return { state: 'object', kind: 'document' };
    case 'window':
    case 'self':
    case 'globalThis':
      return { state: 'object', kind: 'window' };
    case 'process':
      return { state: 'object', kind: 'process' };
    case 'localStorage':
    case 'sessionStorage':
      return { state: 'object', kind: 'storage' };
    case 'undefined':
    case 'NaN':
    case 'Infinity':
    case '__dirname':
    case '__filename':
      return { state: 'constant' };
    default:
      return /^[A-Z][A-Z0-9_]*$/.test(name) && name.length > 1 ? { state: 'constant' } : undefined;
  }
}

/**
 * A value as a sink or a string operation sees it: the location object converts to its URL
 * (`'<a href="' + location + '">'`, `document.write(document.location)`), which is input.
 */
export function locationAsUrl(flow: Flow): Flow {
  return flow.state === 'object' && flow.kind === 'location' ? tainted('location') : flow;
}

/** A part of a built string or a call argument: objects other than the location are unknown. */
export function asPart(flow: Flow): Flow {
  const f = locationAsUrl(flow);
  return f.state === 'object' ? { state: 'unknown' } : f;
}

export { tainted as taintedFlow };

/**
 * `process.argv[0]` and `process.argv[1]`: the Node binary and the script being run, paths the
 * program was started with (like `__filename`), not arguments a user passes; those start at 2.
 */
export function isArgvRuntimePath(e: ts.ElementAccessExpression): boolean {
  const arg = e.argumentExpression;
  if (!ts.isNumericLiteral(arg) || (arg.text !== '0' && arg.text !== '1')) return false;
  const base = e.expression;
  return (
    ts.isPropertyAccessExpression(base) &&
    base.name.text === 'argv' &&
    ts.isIdentifier(base.expression) &&
    base.expression.text === 'process'
  );
}

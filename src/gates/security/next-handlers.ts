import ts from '../../lib/typescript.cjs';
import { taintedFlow } from './sources.js';
import type { Flow } from './types.js';

/**
 * Next.js entry points known by their shape rather than by a router call:
 * - App Router route handlers: `export async function GET(request, { params })` in a route file.
 *   The first parameter is the request and the second the segment context, whatever their
 *   names and with or without type annotations.
 * - Server Actions: functions of a `'use server'` module (or with that directive in their
 *   body) are called by the client with arguments it chooses (`formData`, ids, objects).
 * - Pages Router data functions: `export async function getServerSideProps(context)` gets the
 *   request's `query`, `params` and `req`; App Router `generateMetadata({ params, searchParams })`
 *   gets the URL's segments and query; `Page.getInitialProps = (ctx) => …` the same context.
 * - The same shape in other file-based routers: Remix / React Router `loader`/`action`
 *   (`{ request, params }`), SvelteKit `load` and `+server` handlers (`{ url, params, request }`),
 *   and Astro endpoints (`GET`/`POST`/… of `src/pages/**` modules: `{ params, request, url }`).
 */

type Fn = ts.FunctionLikeDeclaration;

const httpMethods = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
const REQUEST: Flow = { state: 'object', kind: 'request' };

const hasExport = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);

/** The name a function is exported under (`export function f`, `export const f = …`). */
function exportedName(fn: Fn): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return hasExport(fn) ? fn.name?.text : undefined;
  const decl = fn.parent;
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
  const stmt = decl.parent.parent;
  return ts.isVariableStatement(stmt) && hasExport(stmt) ? decl.name.text : undefined;
}

function isDirective(st: ts.Statement | undefined): boolean {
  return (
    st !== undefined &&
    ts.isExpressionStatement(st) &&
    ts.isStringLiteral(st.expression) &&
    st.expression.text === 'use server'
  );
}

function isServerAction(fn: Fn, name: string | undefined): boolean {
  if (fn.body && ts.isBlock(fn.body) && isDirective(fn.body.statements[0])) return true;
  return name !== undefined && isDirective(fn.getSourceFile().statements[0]);
}

const routeFile = /(^|[/\\])route\.[cm]?[jt]sx?$/;
const importsNext = /\bfrom\s+['"]next\/|\brequire\(\s*['"]next\//;
const nextFiles = new WeakMap<ts.SourceFile, boolean>();

/** A route file (`app/…/route.ts`) or a module that imports Next.js: `GET` is then a handler. */
function isNextModule(sf: ts.SourceFile): boolean {
  let is = nextFiles.get(sf);
  if (is === undefined) {
    is = routeFile.test(sf.fileName) || importsNext.test(sf.text);
    nextFiles.set(sf, is);
  }
  return is;
}

/** Parameter flows of a Next.js route handler or Server Action, if `fn` is one. */
export function nextParamFlows(fn: Fn): Flow[] | undefined {
  const name = exportedName(fn);
  if (isServerAction(fn, name))
    return fn.parameters.map(() => taintedFlow('server action argument', 'remote', true));
  if (name !== undefined && httpMethods.test(name) && isNextModule(fn.getSourceFile()))
    return [REQUEST, REQUEST];
  if (name === 'getServerSideProps' || name === 'generateMetadata') return [REQUEST];
  const p = fn.parent;
  if (ts.isBinaryExpression(p) && p.right === fn && /\.getInitialProps$/.test(p.left.getText()))
    return [REQUEST];
  if (name !== undefined && routeModuleExports.test(name) && isRouteModule(fn.getSourceFile()))
    return [REQUEST];
  if (name !== undefined && astroMethods.test(name) && isAstroEndpoint(fn.getSourceFile()))
    return [REQUEST];
  return undefined;
}

const astroMethods = /^(GET|POST|PUT|PATCH|DELETE|ALL)$/;
const astroFiles = /(^|[/\\])src[/\\]pages[/\\].*\.[jt]s$/;
const astroImports = /\bfrom\s+['"]astro['"]/;

/**
 * An Astro endpoint: a `.js`/`.ts` module under `src/pages/`, or one typed with `APIRoute` /
 * `APIContext` from 'astro'. Its exported `GET`/`POST`/… get the request context
 * (`{ params, request, url }`).
 */
function isAstroEndpoint(sf: ts.SourceFile): boolean {
  return astroFiles.test(sf.fileName) || astroImports.test(sf.text);
}

const routeModuleExports =
  /^(loader|action|clientLoader|clientAction|load|GET|POST|PUT|PATCH|DELETE)$/;
const routeModuleImports =
  /\bfrom\s+['"](@remix-run\/|react-router|@sveltejs\/kit)|\brequire\(\s*['"](@remix-run\/|react-router)/;
const routeModuleFiles = /(^|[/\\])\+(page|layout)(\.server)?\.[jt]s$|(^|[/\\])\+server\.[jt]s$/;
const routeModules = new WeakMap<ts.SourceFile, boolean>();

/** A Remix / React Router route module or a SvelteKit route file. */
function isRouteModule(sf: ts.SourceFile): boolean {
  let is = routeModules.get(sf);
  if (is === undefined) {
    is = routeModuleFiles.test(sf.fileName) || routeModuleImports.test(sf.text);
    routeModules.set(sf, is);
  }
  return is;
}

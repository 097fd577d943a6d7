import ts from '../../lib/typescript.cjs';
import { objectProperty, receiverName, rootName, unwrap } from './ast.js';
import {
  derivesFromParameter,
  isCheckedAfterJoin,
  isGuardedBeforeJoin,
  isNestedInCall,
  isPathJoin,
} from './path-join.js';
import { definition, isParameterValue, isResponseObject, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

const fsMethods = new Set([
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createReadStream',
  'createWriteStream',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'readdir',
  'readdirSync',
  'open',
  'openSync',
  'rename',
  'renameSync',
  'copyFile',
  'copyFileSync',
  'mkdir',
  'mkdirSync',
  'outputFile',
  'outputFileSync',
  'remove',
  'removeSync',
  'readJson',
  'readJsonSync',
  'writeJson',
  'writeJsonSync',
  'access',
  'stat',
  'statSync',
  'existsSync',
  'truncate',
  'chmod',
  'symlink',
  // fs-extra
  'copy',
  'copySync',
  'move',
  'moveSync',
  'outputJson',
  'outputJsonSync',
  'ensureFile',
  'ensureFileSync',
  'ensureDir',
  'ensureDirSync',
  'emptyDir',
  'emptyDirSync',
  // node:fs calls that copy, link or change files
  'cp',
  'cpSync',
  'chown',
  'chmodSync',
  'link',
  'linkSync',
  'symlinkSync',
  'truncateSync',
]);
const fsReceiver = /^(fs|fsp|fse|fsPromises|promises|fsExtra)$/;
const FIX =
  'Reduce the input to a file name with path.basename(), or resolve it against a base directory and reject it unless path.resolve(base, input).startsWith(base + path.sep); for downloads use res.sendFile(name, { root }).';

function report(node: ts.Node, what: string, source: string, ctx: RuleContext): void {
  ctx.report(node, {
    rule: 'path-traversal',
    cwe: 'CWE-22',
    severity: 'high',
    message: `${what} uses a path built from ${source}: "../" sequences can reach any file.`,
    fix: FIX,
  });
}

/**
 * `path.resolve(cwd, p)`, `path.resolve(process.cwd(), p)`, `path.resolve(options.cwd, p)`: a
 * caller's path read relative to the working directory, as CLIs and build tools read the paths
 * they are given — no base directory is meant to confine it (input from a request still is
 * reported, above).
 */
function resolvesAgainstCwd(call: ts.CallExpression): boolean {
  const base = call.arguments[0] && unwrap(call.arguments[0]);
  if (!base || call.arguments.length !== 2) return false;
  const text = base.getText();
  return /^(process\.cwd\(\)|([\w$#]+\.)*cwd)$/.test(text);
}

/** The variable a segment is read from (`name` for `name`, `entry` for `entry.fileName`). */
function rootIdentifier(e: ts.Expression): string | undefined {
  const r = rootName(unwrap(e));
  return r !== undefined && /^[\w$]+$/.test(r) ? r : undefined;
}

/** `path.join(base, input)` on its own line: the traversal is reported where the path is built. */
function checkJoin(node: ts.CallExpression, ctx: RuleContext): void {
  if (isNestedInCall(node) || isCheckedAfterJoin(node)) return;
  const segments = node.arguments.slice(1);
  for (const a of node.arguments) {
    const flow = ctx.flow(a);
    if (flow.state === 'tainted' && flow.taint.kind === 'remote') {
      report(node, 'path.' + (ctx.resolveCall(node)?.name ?? 'join') + '()', sourceText(flow), ctx);
      return;
    }
  }
  const fromCaller = segments.filter(
    (a) => ctx.flow(a).state === 'unknown' && derivesFromParameter(a),
  );
  if (fromCaller.length === 0 || resolvesAgainstCwd(node)) return;
  if (
    isGuardedBeforeJoin(
      node,
      fromCaller.map(rootIdentifier).filter((x) => x !== undefined),
    )
  )
    return;
  ctx.report(node, {
    rule: 'path-traversal',
    cwe: 'CWE-22',
    severity: 'medium',
    message:
      "This path joins a value derived from a caller's argument with no check that the result stays inside its base directory.",
    fix: FIX,
  });
}

/** The sink's path is a variable (or a local object's property) holding a join reported where it was built. */
function reportedAtJoin(arg: ts.Expression, ctx: RuleContext): boolean {
  const a = unwrap(arg);
  if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a)) return false;
  const def = definition(a);
  return def !== a && ts.isCallExpression(def) && isPathJoin(def, ctx) && !isCheckedAfterJoin(def);
}

export const pathTraversalRule: SecurityRule = {
  id: 'path-traversal',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    if (isPathJoin(node, ctx)) return checkJoin(node, ctx);
    const r = ctx.resolveCall(node);
    // koa-send `send(ctx, path, { root })`, send `send(req, path, { root })`
    const sender =
      r !== undefined && !r.receiver && (r.module === 'koa-send' || r.module === 'send');
    const arg = node.arguments[sender ? 1 : 0];
    if (!r || !arg) return;
    const isFs =
      fsMethods.has(r.name) &&
      (r.module === 'fs' ||
        (r.receiver !== undefined && fsReceiver.test(receiverName(r.receiver))));
    const isSendFile =
      (r.name === 'sendFile' || r.name === 'download' || r.name === 'sendfile') &&
      isResponseObject(r.receiver);
    if (!isFs && !isSendFile && !sender) return;
    if ((isSendFile || sender) && setsRoot(node.arguments.slice(sender ? 2 : 1))) return;
    if (r.name !== 'download' && (isSendFile || sender) && mayRoot(node.arguments[sender ? 2 : 1]))
      return;
    if (reportedAtJoin(arg, ctx)) return;
    const flow = ctx.flow(arg);
    if (flow.state === 'tainted' && flow.taint.kind === 'remote')
      report(node, `${r.name}()`, sourceText(flow), ctx);
    else if (flow.state === 'unknown' && isGuardedBeforeJoin(node, parameterNames(arg))) return;
    else if (flow.state === 'unknown' && joinsParameter(arg))
      ctx.report(node, {
        rule: 'path-traversal',
        cwe: 'CWE-22',
        severity: 'medium',
        message: `${r.name}() joins a caller's argument into a path with no check that it stays inside its directory.`,
        fix: FIX,
      });
    else if (flow.state === 'unknown' && isBareParameter(arg))
      // Low: opening the path a caller names is what a library's `load(file)` is for; it
      // is a flaw only when an untrusted caller reaches it (then the flow is reported).
      ctx.report(node, {
        rule: 'path-traversal',
        cwe: 'CWE-22',
        severity: 'low',
        message: `${r.name}() opens the path a caller passes as is: make sure no caller passes input from outside.`,
        fix: FIX,
      });
  },
};

/**
 * An options object with `root` (`res.sendFile(name, { root })`, also through
 * `const options = { root: … }` as the Express docs write it, and `res.download(name, file, opts)`):
 * send() then resolves the path inside root and refuses `..` segments.
 */
function setsRoot(args: readonly ts.Expression[]): boolean {
  return args.some((a) => {
    const opts = unwrap(definition(unwrap(a)));
    return ts.isObjectLiteralExpression(opts) && objectProperty(opts, 'root') !== undefined;
  });
}

/**
 * An options object the gate cannot read (`res.sendFile(name, options)`, `send(req, name, opts)`
 * with `opts` a parameter or a call result) may set `root`, and a relative name works only with
 * one: undecidable, so not reported. A callback (`sendFile(name, (err) => …)`) is no options.
 */
function mayRoot(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const d = unwrap(definition(unwrap(arg)));
  if (ts.isObjectLiteralExpression(d) || ts.isFunctionLike(d) || ts.isLiteralExpression(d))
    return false;
  if (d.kind === ts.SyntaxKind.NullKeyword || d.kind === ts.SyntaxKind.UndefinedKeyword)
    return false;
  return !(ts.isIdentifier(d) && d.text === 'undefined');
}

/** The variables a sink's path is built from (through one variable definition), not callees. */
function parameterNames(arg: ts.Expression): string[] {
  const names: string[] = [];
  const visit = (n: ts.Expression): void => {
    const e = unwrap(n);
    if (ts.isCallExpression(e)) e.arguments.forEach(visit);
    else if (ts.isBinaryExpression(e)) [e.left, e.right].forEach(visit);
    else if (ts.isTemplateExpression(e)) e.templateSpans.forEach((t) => visit(t.expression));
    else {
      const root = rootName(e);
      if (root !== undefined && /^[\w$]+$/.test(root)) names.push(root);
    }
  };
  visit(definition(unwrap(arg)));
  return names;
}

/** `path.join(base, name)`, `dir + '/' + name`, `` `${dir}/${name}` `` where `name` is a parameter. */
function joinsParameter(arg: ts.Expression): boolean {
  const e = unwrap(definition(unwrap(arg)));
  let parts: readonly ts.Expression[] = [];
  if (ts.isCallExpression(e) && /^path\.(join|resolve)$/.test(e.expression.getText()))
    parts = e.arguments.slice(1);
  else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    parts = [e.left, e.right];
  else if (ts.isTemplateExpression(e)) parts = e.templateSpans.map((t) => t.expression);
  return parts.some((p) => {
    const u = unwrap(p);
    return (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) && isParameterValue(u);
  });
}

/** The path is a caller's argument as is (`fs.readFile(name)` in `function load(name)`). */
function isBareParameter(arg: ts.Expression): boolean {
  const u = unwrap(arg);
  return (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) && isParameterValue(u);
}

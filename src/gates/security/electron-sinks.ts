import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, receiverName, unwrap } from './ast.js';
import { constantPrefix, hasFixedHost, levelOf, severityFor, sourceText } from './rule-kit.js';
import { flowForRule } from './guard-classes.js';
import type { RuleContext, SecurityRule } from './types.js';
import { schemeGuarded } from './url-scheme-guards.js';

/**
 * Electron's privileged sinks: `webContents.executeJavaScript(code)` runs a string as script in
 * a page (code injection), `shell.openExternal(url)` hands a URL to the operating system,
 * whose protocol handlers (`file:`, `smb:`, custom schemes) can start programs, and
 * `loadURL(url)` of a window or its webContents shows a page of the input's choosing with the
 * app's preload script and privileges (CWE-829). Input (IPC arguments from a renderer, request
 * data) is reported high; a non-constant script of unknown origin low.
 */

const FIX_JS =
  'Do not build page script from strings: expose a function through a preload script (contextBridge) and pass data to it.';
const FIX_OPEN =
  "Open only http(s) URLs: check new URL(url).protocol is 'https:' (and the host against an allow-list) before shell.openExternal().";

function checkExecuteJavaScript(node: ts.CallExpression, ctx: RuleContext): void {
  const code = node.arguments[0];
  if (!code) return;
  const flow = ctx.flow(code);
  const level = levelOf(flow);
  if (level === 'none') return;
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-94',
    severity: severityFor(level, 'high', 'medium', 'low'),
    message: `executeJavaScript() runs ${level === 'unknown' ? 'a non-constant string' : sourceText(flow)} as script in the page.`,
    fix: FIX_JS,
  });
}

function checkOpenExternal(node: ts.CallExpression, ctx: RuleContext): void {
  const url = node.arguments[0];
  const flow = url && ctx.flow(url);
  if (!flow || flow.state !== 'tainted' || hasFixedHost(constantPrefix(url, ctx))) return;
  if (schemeGuarded(node, url)) return;
  ctx.report(node, {
    rule: 'command-injection',
    cwe: 'CWE-78',
    severity: flow.taint.kind === 'remote' ? 'high' : 'medium',
    message: `shell.openExternal() opens a URL from ${sourceText(flow)}: a file: or custom-scheme URL starts programs.`,
    fix: FIX_OPEN,
  });
}

const FIX_LOAD =
  "Load only the app's own pages or an allow-list of origins: check new URL(url).origin before loadURL(), and open other links in the system browser.";

/** `win.loadURL(url)` with a URL from input and no fixed host: the input picks the app's content. */
function checkLoadUrl(node: ts.CallExpression, ctx: RuleContext): void {
  const url = node.arguments[0];
  const flow = url && ctx.flow(url);
  if (!flow || flow.state !== 'tainted' || hasFixedHost(constantPrefix(url, ctx))) return;
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-829',
    severity: flow.taint.kind === 'remote' ? 'high' : 'medium',
    message: `loadURL() shows a page from ${sourceText(flow)} in an app window: its script runs with the window's preload and privileges.`,
    fix: FIX_LOAD,
  });
}

const fileProtocols = new Set(['registerFileProtocol', 'interceptFileProtocol']);

const registersFileProtocol = new WeakMap<ts.SourceFile, boolean>();

/** The file mentions a file protocol at all (looked up once per file). */
function mentionsFileProtocol(sf: ts.SourceFile): boolean {
  let found = registersFileProtocol.get(sf);
  if (found === undefined) registersFileProtocol.set(sf, (found = /FileProtocol\b/.test(sf.text)));
  return found;
}

/** `callback` is the second parameter of a handler given to `protocol.registerFileProtocol()`. */
function isFileProtocolCallback(callee: ts.Expression): boolean {
  if (!ts.isIdentifier(callee) || !mentionsFileProtocol(callee.getSourceFile())) return false;
  for (let n: ts.Node | undefined = callee.parent; n; n = n.parent) {
    if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) continue;
    const param = n.parameters[1]?.name;
    if (!param || !ts.isIdentifier(param) || param.text !== callee.text) continue;
    const reg = n.parent;
    const c = ts.isCallExpression(reg) ? calleeOf(reg) : undefined;
    return c !== undefined && fileProtocols.has(c.name) && receiverName(c.receiver) === 'protocol';
  }
  return false;
}

/** `callback({ path })` of a file protocol handler with a path from the request URL: any file is served. */
function checkFileProtocol(node: ts.CallExpression, ctx: RuleContext): void {
  if (!isFileProtocolCallback(unwrap(node.expression)) || !node.arguments[0]) return;
  const arg = unwrap(node.arguments[0]);
  const file = ts.isObjectLiteralExpression(arg) ? objectProperty(arg, 'path') : arg;
  // judged as the path rules judge a path (`path.basename()` and `..` checks make it safe)
  const flow = file && flowForRule(ctx.flow(file), 'path-traversal');
  if (!flow || flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  ctx.report(node, {
    rule: 'path-traversal',
    cwe: 'CWE-22',
    severity: 'high',
    message: `The file protocol serves a path built from ${sourceText(flow)}: "../" in the URL reaches any file.`,
    fix: 'Resolve the path against the app directory and check it stays inside (path.resolve(base, p).startsWith(base + path.sep)).',
  });
}

export const electronSinksRule: SecurityRule = {
  id: 'electron-sinks',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    checkFileProtocol(node, ctx);
    const r = ctx.resolveCall(node);
    if (!r?.receiver) return;
    if (r.name === 'executeJavaScript' && /contents$/i.test(receiverName(r.receiver)))
      checkExecuteJavaScript(node, ctx);
    else if (
      r.name === 'openExternal' &&
      (r.module === 'electron' || receiverName(r.receiver) === 'shell')
    )
      checkOpenExternal(node, ctx);
    else if (r.name === 'loadURL') checkLoadUrl(node, ctx);
  },
};

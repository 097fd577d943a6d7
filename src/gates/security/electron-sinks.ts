import ts from '../../lib/typescript.cjs';
import { receiverName } from './ast.js';
import { constantPrefix, hasFixedHost, levelOf, severityFor, sourceText } from './rule-kit.js';
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

export const electronSinksRule: SecurityRule = {
  id: 'electron-sinks',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
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

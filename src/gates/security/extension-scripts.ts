import ts from '../../lib/typescript.cjs';
import { objectProperty, unwrap } from './ast.js';
import { levelOf, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * Browser-extension APIs that run a string as script in a web page, with the page's origin:
 * `chrome.tabs.executeScript(tabId?, { code })` (also `browser.tabs`, the WebExtensions name) and
 * DevTools' `chrome.devtools.inspectedWindow.eval(expression)`. Input (a message from a content
 * script or a page, the URL) in that string is code injection into every page the extension
 * reaches. `{ file }` names a packaged script and is fine.
 */

const FIX =
  'Run packaged scripts ({ file } / chrome.scripting.executeScript({ func, args })) and pass input to them as arguments; never build script text from input.';

/** `chrome.tabs`, `browser.devtools.inspectedWindow`: the API object a call is made on. */
function apiPath(callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  // the method name first: reading the receiver's text for every call was a rule's whole cost
  if (e.name.text !== 'executeScript' && e.name.text !== 'eval') return undefined;
  const path = e.expression.getText().replace(/\s+/g, '');
  const m = /^(chrome|browser)\.(tabs|devtools\.inspectedWindow)$/.exec(path);
  return m ? `${m[2] ?? ''}.${e.name.text}` : undefined;
}

/** The script text a call runs, if it is one of the APIs above. */
function scriptText(call: ts.CallExpression): ts.Expression | undefined {
  const api = apiPath(call.expression);
  if (api === 'devtools.inspectedWindow.eval') return call.arguments[0];
  if (api !== 'tabs.executeScript') return undefined;
  const details = call.arguments.map((a) => unwrap(a)).find(ts.isObjectLiteralExpression);
  return details && objectProperty(details, 'code');
}

export const extensionScriptsRule: SecurityRule = {
  id: 'extension-scripts',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx: RuleContext) {
    if (!ts.isCallExpression(node)) return;
    const code = scriptText(node);
    if (!code) return;
    const flow = ctx.flow(code);
    const level = levelOf(flow);
    if (level !== 'remote' && level !== 'local') return;
    ctx.report(node, {
      rule: 'code-injection',
      cwe: 'CWE-94',
      severity: 'high',
      message: `An extension runs script built from ${sourceText(flow)} in a web page.`,
      fix: FIX,
    });
  },
};

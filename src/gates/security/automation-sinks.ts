import ts from '../../lib/typescript.cjs';
import { isStringBuilding, objectProperty, receiverName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import {
  constantPrefix,
  definition,
  hasFixedHost,
  isParameterValue,
  levelOf,
  severityFor,
  sourceText,
  type Level,
} from './rule-kit.js';
import { isStringParameter, parameterOrigin } from './param-origin.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

/**
 * Sinks where any value that is not a constant is a risk, because the API runs or loads what it
 * is given with full privileges: headless browsers (navigate, evaluate, inject scripts, render
 * HTML), HTML-to-PDF renderers, and in-process "sandboxes" (vm2, sandbox). Attacker input is
 * reported high; a non-constant value of unknown origin medium (script and sandbox code only
 * when a parameter of the enclosing function supplies it).
 */

const browserModules =
  /^(phantom|puppeteer(-core)?|playwright(-core|-chromium|-firefox|-webkit)?|@playwright\/test|chrome-remote-interface)$/;
/** Browser page methods that run their first argument as page script. */
const evaluators = new Set([
  'evaluate',
  'evaluateHandle',
  'evaluateOnNewDocument',
  'addInitScript',
  'addScriptTag',
  '$eval',
  '$$eval',
  'evaluateJavaScript',
  'evaluateAsync',
  'compileScript',
]);
/** Evaluators that take only script text (not a page function): CDP, PhantomJS. */
const textEvaluators = new Set(['compileScript', 'evaluateJavaScript', 'evaluateAsync']);
/** Browser page methods that load their first argument as a URL or HTML document (CDP: `Page.setDocumentContent({ html })`). */
const loaders = new Set(['goto', 'setContent', 'navigate', 'setDocumentContent', 'addStyleTag']);
/** Loaders whose argument is a URL (not an HTML document). */
const urlLoaders = new Set(['goto', 'navigate', 'open', 'openUrl']);
/** PhantomJS pages (`phantom` module): `open(url)`, `openUrl(url)`, `property('content', html)`, `includeJs(url)`. */
const phantomLoaders = new Set(['open', 'openUrl', 'property', 'includeJs']);
/** Renderers whose function (`wkhtmltopdf(url)`) or `generate(url)` method loads its input. */
const renderers = new Set(['wkhtmltopdf', 'wkhtmltoimage']);

const FIX_EVAL =
  'Pass a function defined in your code and hand the input to it as an argument (page.evaluate(fn, input)); never build page script from strings.';
const FIX_LOAD =
  'Check new URL(input).protocol and hostname against an allow-list before navigating, and never navigate to file:, data: or internal addresses.';
const FIX_SANDBOX =
  'vm2 and the sandbox module are escapable: never run code or objects that come from input in them; run untrusted code in a separate, jailed process.';

interface Imports {
  browser: boolean;
  modules: ReadonlySet<string>;
}

const importsCache = new WeakMap<ts.SourceFile, Imports>();

/** Modules this file imports or requires (cached per file). */
function importsOf(sf: ts.SourceFile): Imports {
  const cached = importsCache.get(sf);
  if (cached) return cached;
  const modules = new Set<string>();
  const visit = (n: ts.Node): boolean => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier))
      modules.add(n.moduleSpecifier.text);
    else if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'require' &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    )
      modules.add(n.arguments[0].text);
    return true;
  };
  walkTree(sf, visit);
  const browser = [...modules].some((m) => browserModules.test(m));
  const out = { browser, modules };
  importsCache.set(sf, out);
  return out;
}

function report(
  ctx: RuleContext,
  node: ts.Node,
  kind: 'eval' | 'load' | 'sandbox' | 'pdf',
  level: Level,
  flow: Flow,
  what: string,
  unknownSeverity: 'medium' | 'low' = 'medium',
): void {
  const from = level === 'unknown' ? 'a non-constant value' : sourceText(flow);
  // Attacker input steering a server-side browser's script is first of all a way to make the
  // server fetch (internal) URLs and read them back: SSRF, like a navigation to the input.
  const steered = kind === 'eval' && level === 'remote';
  const eval_ = (kind === 'eval' && !steered) || kind === 'sandbox';
  ctx.report(node, {
    rule: eval_ ? 'code-injection' : 'ssrf',
    cwe: eval_ ? 'CWE-94' : 'CWE-918',
    severity: severityFor(level, 'high', 'medium', unknownSeverity),
    message:
      kind === 'eval'
        ? `${what} runs ${from} as script inside the browser page${steered ? ', which can fetch internal URLs for the attacker' : ''}.`
        : kind === 'sandbox'
          ? `${what} runs ${from} in an in-process sandbox that can be escaped.`
          : `${what} loads ${from}: the input chooses what the server-side browser fetches.`,
    fix: kind === 'eval' ? FIX_EVAL : kind === 'sandbox' ? FIX_SANDBOX : FIX_LOAD,
  });
}

/**
 * Code of unknown origin is reported only when the enclosing function's caller supplies it
 * (`function run(script) { page.evaluate(script) }`): a call result or a module-level value is
 * the program's own code as often as not, and its origin is for the caller's analysis to prove.
 */
function unknownCode(level: Level, value: ts.Expression): boolean {
  return level === 'unknown' && !parameterOrigin(value);
}

/**
 * Page script of unknown origin is reported only when it is evidently text: built by
 * concatenation or a template (in place or in its variable), or a `string` parameter. A bare
 * value handed to `evaluate(fn)` is a page function as often as not, which runs no text.
 */
function evidentText(value: ts.Expression): boolean {
  const v = unwrap(value);
  return isStringBuilding(v) || isStringBuilding(definition(v)) || isStringParameter(v);
}

/** Level of a value passed to an always-dangerous sink: functions and constants are fine. */
function argLevel(arg: ts.Expression, ctx: RuleContext): { level: Level; flow: Flow } {
  const a = unwrap(arg);
  if (ts.isArrowFunction(a) || ts.isFunctionExpression(a))
    return { level: 'none', flow: { state: 'safe' } };
  const def = definition(a);
  if (ts.isArrowFunction(def) || ts.isFunctionExpression(def))
    return { level: 'none', flow: { state: 'safe' } };
  const flow = ctx.flow(a);
  return { level: levelOf(flow), flow };
}

/** The module whose class an expression was constructed from: `new VM(…)`, `s` for `const s = new Sandbox()`. */
function constructedFrom(expr: ts.Expression, ctx: RuleContext): string | undefined {
  const e = definition(unwrap(expr));
  if (!ts.isNewExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  if (ts.isIdentifier(callee)) return ctx.moduleOf(callee.text);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression))
    return ctx.moduleOf(callee.expression.text);
  return undefined;
}

function checkBrowser(node: ts.CallExpression, name: string, ctx: RuleContext): void {
  if (name === 'property') {
    const prop = node.arguments[0];
    if (!prop || !ts.isStringLiteralLike(prop) || prop.text !== 'content') return;
  }
  const second = name === '$eval' || name === '$$eval' || name === 'property';
  const arg = node.arguments[second ? 1 : 0];
  if (!arg) return;
  let value: ts.Expression = arg;
  if (name === 'addScriptTag' || name === 'addInitScript' || name === 'addStyleTag') {
    const o = unwrap(arg);
    if (ts.isObjectLiteralExpression(o)) {
      // a style tag's `content` is CSS; its `url` is fetched by the browser
      const content =
        (name === 'addStyleTag' ? undefined : objectProperty(o, 'content')) ??
        objectProperty(o, 'url');
      if (!content) return;
      value = content;
    }
  }
  const { level, flow } = argLevel(value, ctx);
  if (level === 'none') return checkPageArgs(node, name, ctx);
  const kind = evaluators.has(name) ? 'eval' : 'load';
  // `page.goto('https://app.example.com/' + id)`: input picks a page of a fixed site, not the host
  if (urlLoaders.has(name) && hasFixedHost(constantPrefix(value, ctx))) return;
  // `{ content }` of a script tag and CDP/PhantomJS scripts are always text
  const textOnly = value !== arg || textEvaluators.has(name);
  if (
    kind === 'eval' &&
    level === 'unknown' &&
    (unknownCode(level, value) || !(textOnly || evidentText(value)))
  )
    return;
  report(ctx, node, kind, level, flow, `${name}()`);
}

/**
 * `page.evaluate(fn, url)`: values handed to the page function run in a browser on the server's
 * network; input there steers what the page fetches or navigates to (SSRF).
 */
function checkPageArgs(node: ts.CallExpression, name: string, ctx: RuleContext): void {
  if (name !== 'evaluate' && name !== 'evaluateHandle' && name !== 'evaluateOnNewDocument') return;
  for (const a of node.arguments.slice(1)) {
    const { level, flow } = argLevel(a, ctx);
    const input = level === 'remote' || level === 'local';
    if (!input && !(level === 'unknown' && isParameterValue(unwrap(a)))) continue;
    const from = input ? sourceText(flow) : "a caller's argument";
    ctx.report(node, {
      rule: 'ssrf',
      cwe: 'CWE-918',
      severity: severityFor(level, 'high', 'medium', 'medium'),
      message: `${name}() hands ${from} to script running in the server-side browser, which can fetch or navigate with it.`,
      fix: FIX_LOAD,
    });
    return;
  }
}

function checkSandbox(node: ts.CallExpression | ts.NewExpression, ctx: RuleContext): void {
  const args = node.arguments ?? [];
  if (ts.isNewExpression(node)) {
    const callee = unwrap(node.expression);
    // `new VM(…)` with `{ VM } = require('vm2')`, or `new vm2.VM(…)` on the module object
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : '';
    const from = ts.isIdentifier(callee)
      ? ctx.moduleOf(name)
      : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
        ? ctx.moduleOf(callee.expression.text)
        : undefined;
    if ((name === 'VM' || name === 'NodeVM') && from === 'vm2' && args[0])
      return checkSandboxGlobals(node, name, args[0], ctx);
    if (name !== 'VMScript' || from !== 'vm2' || !args[0]) return;
    const { level, flow } = argLevel(args[0], ctx);
    if (level !== 'none' && !unknownCode(level, args[0]))
      report(ctx, node, 'sandbox', level, flow, 'new VMScript()');
    return;
  }
  const r = ctx.resolveCall(node);
  if (!r?.receiver || (r.name !== 'run' && r.name !== 'runFile') || !args[0]) return;
  const from = constructedFrom(r.receiver, ctx);
  if (from !== 'vm2' && from !== 'sandbox') return;
  const { level, flow } = argLevel(args[0], ctx);
  if (level !== 'none' && !unknownCode(level, args[0]))
    report(ctx, node, 'sandbox', level, flow, `${receiverName(r.receiver)}.run()`);
}

/** `new VM({ sandbox: { input } })`: input placed among the sandbox's globals (vm2 is escapable). */
function checkSandboxGlobals(
  node: ts.NewExpression,
  name: string,
  options: ts.Expression,
  ctx: RuleContext,
): void {
  const o = definition(unwrap(options));
  const globals = ts.isObjectLiteralExpression(o) ? objectProperty(o, 'sandbox') : undefined;
  if (!globals) return;
  const flow = ctx.flow(globals);
  const level = levelOf(flow);
  if (level === 'remote' || level === 'local')
    report(ctx, node, 'sandbox', level, flow, `new ${name}() with input in its sandbox`);
  // low, like other caller's values used as is: the callers decide what lands in the sandbox
  else if (level === 'unknown' && parameterOrigin(globals))
    report(
      ctx,
      node,
      'sandbox',
      level,
      flow,
      `new ${name}() with a caller's argument in its sandbox`,
      'low',
    );
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r) return;
  const renderer = renderers.has(r.module ?? '') && (!r.receiver || r.name === 'generate');
  if (renderer && node.arguments[0]) {
    const { level, flow } = argLevel(node.arguments[0], ctx);
    if (level !== 'none') report(ctx, node, 'load', level, flow, `${r.module ?? r.name}()`);
    return;
  }
  const phantom = phantomLoaders.has(r.name) && importsOf(ctx.sourceFile).modules.has('phantom');
  if (r.receiver && (evaluators.has(r.name) || loaders.has(r.name) || phantom)) {
    if (importsOf(ctx.sourceFile).browser) checkBrowser(node, r.name, ctx);
    return;
  }
  checkSandbox(node, ctx);
}

export const automationSinksRule: SecurityRule = {
  id: 'automation-sinks',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node)) checkCall(node, ctx);
    else if (ts.isNewExpression(node)) checkSandbox(node, ctx);
  },
};

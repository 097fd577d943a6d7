import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, memberName, receiverName, unwrap } from './ast.js';
import { chainOperands, walkTree } from './binary-chain.js';
import { reachesDomSink } from './dom-sink-uses.js';
import { sourceText } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';
import { jqueryInserts } from './xss.js';

/**
 * HTML markup assembled from attacker input (`'<p>' + req.query.q`, `` `<a href="${location.hash}">` ``,
 * `'<b>'.concat(x)`, `util.format('<i>%s</i>', x)`), reported where it is built: whatever later
 * renders the string, the input is already markup. A string handed straight to an HTML sink, or
 * stored in a variable a DOM sink of the function renders (dom-sink-uses.ts), is left to that
 * sink's rule; one stored in a variable nothing reads reaches no page.
 */

const FIX =
  'Escape the value for HTML where it goes into the markup (an escapeHtml() helper, or a template engine with auto-escaping), or build DOM nodes and set textContent.';
const tag = /<[a-zA-Z!/]/;
/** Calls and assignments that report HTML they are given themselves (xss.ts). */
const sinkCalls = new Set([
  ...jqueryInserts,
  'send',
  'write',
  'writeln',
  'end',
  'html',
  'insertAdjacentHTML',
  // server-side browsers and renderers load HTML they are given (automation-sinks.ts)
  'setContent',
  'property',
  'evaluate',
  'wkhtmltopdf',
  'wkhtmltoimage',
  'generate',
]);
const sinkProps = new Set(['innerHTML', 'outerHTML']);

const isPlus = (n: ts.Node): n is ts.BinaryExpression =>
  ts.isBinaryExpression(n) &&
  (n.operatorToken.kind === ts.SyntaxKind.PlusToken ||
    n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken);

function outerParent(node: ts.Node): ts.Node {
  let p = node.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  return p;
}

/** The string goes straight into a sink that reports it. */
function consumedBySink(node: ts.Expression): boolean {
  const p = outerParent(node);
  if (ts.isCallExpression(p) && p.arguments.some((a) => unwrap(a) === node)) {
    const name = calleeOf(p)?.name;
    return name !== undefined && sinkCalls.has(name);
  }
  if (ts.isBinaryExpression(p) && p.right === node) return sinkProps.has(memberName(p.left) ?? '');
  return false;
}

/** Loggers: `console.log(…)`, `logger.warn(…)`, `log.info(…)` write text to a log, not a page. */
const loggers = /^(console|logger|log|winston|pino)$/;
const logLevels = /^(log|debug|info|warn|warning|error|trace|fatal|verbose)$/;

/** The string is an argument of a logging call, and nothing else uses it. */
function consumedByLog(node: ts.Expression): boolean {
  const p = outerParent(node);
  if (!ts.isCallExpression(p) || !p.arguments.some((a) => unwrap(a) === node)) return false;
  const c = calleeOf(p);
  return c !== undefined && logLevels.test(c.name) && loggers.test(receiverName(c.receiver));
}

/**
 * The string initialises a variable that nothing reads (`const x = \`<p>${input}</p>\`` and no
 * other `x` in the enclosing function): no page can receive it. Any other identifier `x` in that
 * function counts as a read, shadowing ignored.
 */
function deadStore(node: ts.Expression): boolean {
  const decl = outerParent(node);
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const name = decl.name;
  let body: ts.Node = node.getSourceFile();
  for (let p: ts.Node | undefined = decl.parent; p; p = p.parent)
    if (isFunctionNode(p)) {
      body = p;
      break;
    }
  let read = false;
  walkTree(body, (n) => {
    if (read) return false;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text) read = true;
    return true;
  });
  return !read;
}

/** The variable a `x += …` / `x = x + …` extends. */
function selfName(node: ts.Node): string | undefined {
  if (isPlus(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) {
    const left = unwrap(node.left);
    return ts.isIdentifier(left) ? left.text : undefined;
  }
  const p = outerParent(node);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(p.left);
    return ts.isIdentifier(left) ? left.text : undefined;
  }
  return undefined;
}

interface Parts {
  text: string;
  values: ts.Expression[];
}

function flatten(e: ts.Expression, out: Parts): void {
  for (const u of chainOperands(e, isPlus)) {
    if (ts.isStringLiteralLike(u)) out.text += u.text;
    else if (ts.isTemplateExpression(u)) {
      out.text += u.head.text;
      for (const s of u.templateSpans) {
        out.values.push(s.expression);
        out.text += s.literal.text;
      }
    } else out.values.push(u);
  }
}

/** Constant text and spliced values of a markup-building expression, if it is one. */
function partsOf(node: ts.Node): Parts | undefined {
  // html`<p>${x}</p>` (lit, hono/html, common-tags): the tag function escapes what it splices in
  if (ts.isTemplateExpression(node) && ts.isTaggedTemplateExpression(node.parent)) return undefined;
  if (isPlus(node) || ts.isTemplateExpression(node)) {
    if (isPlus(outerParent(node))) return undefined; // only the outermost `+`
    const out: Parts = { text: '', values: [] };
    flatten(node, out);
    const self = selfName(node);
    // `html += '<li>'`, `html = html + '<li>'`: the variable extended brings no new input here.
    if (self !== undefined)
      out.values = out.values.filter((v) => !(ts.isIdentifier(v) && v.text === self));
    return out;
  }
  if (!ts.isCallExpression(node)) return undefined;
  const c = calleeOf(node);
  if (c?.name !== 'concat' && c?.name !== 'format') return undefined;
  const [first, ...rest] = node.arguments;
  const out: Parts = { text: '', values: [] };
  if (c?.name === 'concat' && c.receiver && ts.isStringLiteralLike(unwrap(c.receiver))) {
    flatten(c.receiver, out);
    node.arguments.forEach((a) => out.values.push(a));
    return out;
  }
  if (c?.name === 'format' && first && ts.isStringLiteralLike(unwrap(first))) {
    flatten(first, out);
    out.values.push(...rest);
    return out;
  }
  return undefined;
}

function remoteInput(values: readonly ts.Expression[], ctx: RuleContext): Flow | undefined {
  for (const v of values) {
    const f = ctx.flow(v);
    if (
      f.state === 'tainted' &&
      f.taint.kind === 'remote' &&
      !f.taint.source.startsWith('response')
    )
      return f;
  }
  return undefined;
}

export const xssMarkupRule: SecurityRule = {
  id: 'xss-markup',
  kinds: [
    ts.SyntaxKind.BinaryExpression,
    ts.SyntaxKind.TemplateExpression,
    ts.SyntaxKind.CallExpression,
  ],
  visit(node, ctx) {
    const parts = partsOf(node);
    if (!parts || parts.values.length === 0 || !tag.test(parts.text)) return;
    if (consumedBySink(node as ts.Expression) || consumedByLog(node as ts.Expression)) return;
    const flow = remoteInput(parts.values, ctx);
    if (!flow || deadStore(node as ts.Expression) || reachesDomSink(node as ts.Expression)) return;
    ctx.report(node, {
      rule: 'xss',
      cwe: 'CWE-79',
      severity: 'high',
      message: `HTML markup is built from ${sourceText(flow)} without escaping.`,
      fix: FIX,
    });
  },
};

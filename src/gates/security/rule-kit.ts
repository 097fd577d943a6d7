import ts from '../../lib/typescript.cjs';
import { isAngularInputField } from './angular-inputs.js';
import { isFunctionNode, rootName, unwrap } from './ast.js';
import { constantLead, leftLinks, parentPastBinaries, sourceFileOf } from './binary-chain.js';
import type { Severity } from '../types.js';
import { isRouteResponse } from './route-callbacks.js';
import type { FindingSpec, Flow, RuleContext } from './types.js';

export type Level = 'remote' | 'local' | 'unknown' | 'none';

/** How bad a value is for a sink: attacker-controlled, local input, unknown provenance, or fine. */
export function levelOf(flow: Flow): Level {
  if (flow.state === 'tainted') return flow.taint.kind;
  if (flow.state === 'unknown' || flow.state === 'object') return 'unknown';
  return 'none';
}

/** Input from a remote client (a request, a message): the flows most sinks report. */
export const isRemote = (f: Flow | undefined): f is Flow & { state: 'tainted' } =>
  f?.state === 'tainted' && f.taint.kind === 'remote';

/** The flow when it is remote input, else undefined. */
export const remoteOnly = (f: Flow): Flow | undefined => (isRemote(f) ? f : undefined);

/** Where a value came from, with its line: `request.query (line 12)`. */
export function sourceText(flow: Flow): string {
  if (flow.state !== 'tainted') return 'a value of unknown origin';
  const { source, line } = flow.taint;
  return line === undefined ? source : `${source} (line ${line})`;
}

export function severityFor(
  level: Level,
  remote: Severity,
  local: Severity,
  unknown: Severity,
): Severity {
  return level === 'remote' ? remote : level === 'local' ? local : unknown;
}

/** The first initialized declaration of each name among a block's variable statements. */
type Declared = Map<string, { at: number; init: ts.Expression }>;
const declaredIn = new WeakMap<ts.Node, Declared>();
const noDeclarations: Declared = new Map();

function declared(block: ts.Block | ts.SourceFile): Declared {
  let out = declaredIn.get(block);
  if (out) return out;
  out = noDeclarations;
  for (const st of block.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer || out.has(d.name.text)) continue;
      if (out === noDeclarations) out = new Map();
      out.set(d.name.text, { at: st.pos, init: d.initializer });
    }
  }
  declaredIn.set(block, out);
  return out;
}

/**
 * The initializer of a `const`/`let` an identifier refers to, found in enclosing blocks (else
 * itself): the first declaration of the name in a statement that starts before it. Each block's
 * declarations are indexed once per tree (rules ask this for most identifiers they meet).
 */
export function definition(expr: ts.Expression): ts.Expression {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e)) return memberDefinition(e);
  if (!ts.isIdentifier(e)) return e;
  for (let n = parentPastBinaries(e); n; n = parentPastBinaries(n)) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    const d = declared(n).get(e.text);
    if (d && d.at <= e.pos) return unwrap(d.init);
  }
  return e;
}

/** `opts.url` where `const opts = { url: … }`: that property's value (one level), else `opts.url`. */
function memberDefinition(e: ts.PropertyAccessExpression): ts.Expression {
  const base = unwrap(e.expression);
  if (!ts.isIdentifier(base)) return e;
  const obj = definition(base);
  if (obj === base || !ts.isObjectLiteralExpression(obj)) return e;
  const name = e.name.text;
  const prop = obj.properties.find(
    (p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
  );
  return prop && ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : e;
}

/** Constant leading text of a string expression (through one level of variable definitions). */
export function constantPrefix(expr: ts.Expression, ctx: RuleContext): string {
  const e = definition(expr);
  const whole = ctx.constString(e);
  if (whole !== undefined) return whole;
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const v = ctx.constString(span.expression);
      if (v === undefined) return out;
      out += v + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    // a left-deep chain: the constant links' text, then the prefix of the next right operand
    const links = leftLinks(e, (k) => k === ts.SyntaxKind.PlusToken);
    const lead = constantLead(links, (x) => ctx.constString(x));
    if (!lead) return constantPrefix((links[links.length - 1] ?? e).left, ctx);
    const next = links[lead.at - 1];
    return next ? lead.text + constantPrefix(next.right, ctx) : lead.text;
  }
  return '';
}

/** All the constant text a string expression is built with (for "looks like SQL/HTML" checks). */
export function builtText(expr: ts.Expression): string {
  return definition(expr).getText();
}

/** Text of a top-level function of this file (`function page(x)`, `const page = (x) => …`). */
export function localFunctionText(sf: ts.SourceFile, name: string): string | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st.getText(sf);
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      const isFn = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
      if (isFn && ts.isIdentifier(d.name) && d.name.text === name) return init.getText(sf);
    }
  }
  return undefined;
}

/** The text a value is built with, including the body of a local helper that returns it. */
export function producerText(expr: ts.Expression): string {
  const def = definition(expr);
  if (ts.isCallExpression(def) && ts.isIdentifier(unwrap(def.expression))) {
    const helper = localFunctionText(def.getSourceFile(), unwrap(def.expression).getText());
    if (helper !== undefined) return helper;
  }
  return def.getText();
}

/** True when a URL's host is fixed by a constant prefix (`https://api.x.com/…`, `/path…`). */
export function hasFixedHost(prefix: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(prefix) ||
    /^\/[^/\\]/.test(prefix) ||
    /^\.\.?\//.test(prefix)
  );
}

/** Text of the function enclosing a node (or the file). */
export function enclosingFunctionText(node: ts.Node): string {
  for (let n = parentPastBinaries(node); n; n = parentPastBinaries(n)) {
    if (isFunctionNode(n)) return n.getText();
  }
  return sourceFileOf(node).getText();
}

const responseNames = new Set(['res', 'response', 'resp', 'reply', 'rep', 'h', 'ctx']);

/** `res.send`, `res.status(500).send`, `reply.code(200).send`… */
export function isResponseObject(receiver: ts.Expression | undefined): boolean {
  if (!receiver) return false;
  const root = rootName(receiver);
  return root !== undefined && (responseNames.has(root) || isRouteResponse(receiver));
}

/** The last file asked about: rules ask for every node they see. */
let lastFile: string | undefined;
let lastIsTest = false;

export function isTestFile(fileName: string): boolean {
  if (fileName !== lastFile) {
    lastFile = fileName;
    lastIsTest = /(\.|\/|_)(test|spec)s?\.[cm]?[jt]sx?$|__tests__\/|\/fixtures?\//.test(fileName);
  }
  return lastIsTest;
}

/** A finding of the insecure-crypto rule (weak hashes and ciphers, TLS checks off, JWT misuse). */
export function cryptoFinding(
  cwe: string,
  severity: FindingSpec['severity'],
  message: string,
  fix: string,
): FindingSpec {
  return { rule: 'insecure-crypto', cwe, severity, message, fix };
}

/** The value is a parameter of an enclosing function, or a member of one (`props.html`, `this.props.html`). */
export function isParameterValue(expr: ts.Expression): boolean {
  // A class component's props are its parameters.
  if (/^this\.props\b/.test(unwrap(expr).getText())) return true;
  const root = rootName(expr);
  if (root === undefined || ts.isCallExpression(unwrap(expr))) return false;
  for (let n = parentPastBinaries(expr); n; n = parentPastBinaries(n)) {
    if (!ts.isFunctionLike(n)) continue;
    // A callback's parameter (`items.map(item => …)`) is an element of data, not a component's input.
    if (n.parent && ts.isCallExpression(n.parent) && n.parent.arguments.some((a) => a === n))
      return false;
    for (const p of n.parameters) if (p.name.getText().includes(root)) return true;
  }
  return false;
}

/**
 * A React component's input: its props (parameters, `this.props`) or its state (`this.state`),
 * which components fill from user actions and fetched data.
 */
export function isComponentInput(expr: ts.Expression): boolean {
  return isDirectInput(expr) || boundFromInput(unwrap(expr));
}

const isDirectInput = (e: ts.Expression): boolean =>
  isParameterValue(e) || /^this\.state\b/.test(unwrap(e).getText()) || isAngularInputField(e);

/** `useState` / `useReducer` (also as `React.useState`): the first element is the state. */
const stateHook = /^(React\.)?(useState|useReducer)$/;

/**
 * A local copied from a component's input: `const { url } = props`, `const url = props.url`,
 * `const { url } = this.state`, or hook state (`const [url, setUrl] = useState(…)`, the
 * function-component form of `this.state`).
 */
function boundFromInput(e: ts.Expression): boolean {
  if (!ts.isIdentifier(e)) return false;
  const decl = bindingDeclaration(e);
  const init = decl?.initializer && unwrap(decl.initializer);
  if (!decl || !init) return false;
  if (ts.isArrayBindingPattern(decl.name)) {
    const first = decl.name.elements[0];
    return (
      first !== undefined &&
      ts.isBindingElement(first) &&
      ts.isIdentifier(first.name) &&
      first.name.text === e.text &&
      ts.isCallExpression(init) &&
      stateHook.test(init.expression.getText())
    );
  }
  return !ts.isCallExpression(init) && isDirectInput(init);
}

/** The declaration of the function or block an identifier is used in that binds its name. */
function bindingDeclaration(id: ts.Identifier): ts.VariableDeclaration | undefined {
  for (let n = parentPastBinaries(id); n; n = parentPastBinaries(n)) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    for (const st of n.statements) {
      if (st.pos > id.pos || !ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) if (bindsName(d.name, id.text)) return d;
    }
  }
  return undefined;
}

function bindsName(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((el) => ts.isBindingElement(el) && bindsName(el.name, text));
}

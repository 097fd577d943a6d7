import ts from '../../lib/typescript.cjs';
import { chainKey, memberName, unwrap } from './ast.js';
import { leftLinks, sourceFileOf } from './binary-chain.js';
import { evalCall, evalNew } from './calls.js';
import { guardedFlow } from './guard-classes.js';
import { conditionChecks, type Check, type GuardEnv } from './guards.js';
import type { ImportInfo } from './imports.js';
import type { CheckKind, VarInfo } from './scope.js';
import { CONSTANT, joinFlow, PARAM_MARK, paramIndexes, SAFE, UNKNOWN } from './scope.js';
import { isRouteField } from './angular-route.js';
import { literalMemberFlow } from './object-members.js';
import { asPart, globalIdentifier, isArgvRuntimePath, objectMember } from './sources.js';
import type { Flow } from './types.js';

/** What the expression evaluator needs from the engine at one program point. */
export interface FlowHost {
  lookup(name: string): VarInfo | undefined;
  checkedState(key: string): CheckKind | undefined;
  /** False when no guard check is in force here (then chain keys need not be built). */
  hasChecks?(): boolean;
  readonly imports: ReadonlyMap<string, ImportInfo>;
  /** Flow of a call to a function defined in this file, if it is one. */
  callLocal(call: ts.CallExpression, args: Flow[]): Flow | undefined;
  /** Joined return flows of the function passed to a call (`useMemo(() => …)`), once walked. */
  callbackResult?(call: ts.CallExpression): Flow | undefined;
  readonly guards?: GuardEnv;
  /** The file uses an archive library: entry names (`entry.path`) are attacker-chosen. */
  readonly archive?: boolean;
  /** What a method of this file stored in `this.<name>`, if anything. */
  thisMember?(e: ts.Expression, name: string): Flow | undefined;
  /** What the file's assignments to an undeclared name stored in it (implicit-globals.ts). */
  implicitGlobal?(name: string): Flow | undefined;
}

const archiveMembers = new Set(['fileName', 'entryName']);
const archiveEntryMembers = new Set(['path', 'name', 'fileName', 'entryName']);

/** zip-slip: `entry.path` (unzipper, tar), `entry.fileName` (yauzl), `entry.entryName` (adm-zip). */
function archiveEntryFlow(
  e: ts.PropertyAccessExpression | ts.ElementAccessExpression,
): Flow | undefined {
  const name = memberName(e);
  const base = unwrap(e.expression);
  if (name === undefined || !ts.isIdentifier(base)) return undefined;
  const entryLike = /entry|header/i.test(base.text) && archiveEntryMembers.has(name);
  if (!entryLike && !archiveMembers.has(name)) return undefined;
  return {
    state: 'tainted',
    taint: { kind: 'remote', source: `archive entry ${name}`, maybeObject: false },
  };
}

/** A member of a parameter's stand-in remembers its path, up to three members deep. */
function memberPath(base: Flow & { state: 'tainted' }, name: string): Flow {
  const path = base.taint.path ?? [];
  if (path.length >= 3) return base;
  return { state: 'tainted', taint: { ...base.taint, path: [...path, name] } };
}

/** Flow of `base.name`. */
export function memberFlow(base: Flow, name: string | undefined): Flow {
  switch (base.state) {
    case 'object':
      return name === undefined ? UNKNOWN : objectMember(base.kind, name);
    case 'tainted':
      if (name === 'length') return SAFE;
      return name !== undefined && paramIndexes(base.taint.source) ? memberPath(base, name) : base;
    case 'constant':
      return CONSTANT;
    default:
      // a string's or an array's length is a number, whatever the value is
      return name === 'length' ? SAFE : base;
  }
}

/** Flow of an element of an iterable (`for (const x of xs)`, `xs.map(x => …)`). */
export function elementFlow(base: Flow): Flow {
  if (base.state === 'tainted' || base.state === 'safe') return base;
  if (base.state === 'constant') return CONSTANT;
  return UNKNOWN;
}

/** Flow of a string built from parts (template literal, `+`): tainted if any part is. */
export function concatFlow(parts: Flow[]): Flow {
  let out: Flow = { state: 'constant', value: '' };
  for (const p of parts) {
    if (out.state === 'constant' && p.state === 'constant') {
      out =
        out.value !== undefined && p.value !== undefined
          ? { state: 'constant', value: out.value + p.value }
          : CONSTANT;
      continue;
    }
    out = joinFlow(out, asPart(p));
  }
  if (out.state === 'tainted')
    out = { state: 'tainted', taint: { ...out.taint, maybeObject: false } };
  return out;
}

export function evalFlow(expr: ts.Expression, host: FlowHost): Flow {
  const e = unwrap(expr);
  if (host.hasChecks?.() === false) return evalInner(e, host);
  const key = chainKey(e);
  if (key === undefined) return evalInner(e, host);
  const checked = host.checkedState(key);
  if (checked === 'full') return SAFE;
  const f = evalInner(e, host);
  if (checked === 'type' && f.state === 'tainted') {
    return { state: 'tainted', taint: { ...f.taint, maybeObject: false } };
  }
  return checked === undefined || checked === 'type' ? f : guardedFlow(f, checked);
}

function evalIdentifier(name: string, host: FlowHost): Flow {
  const v = host.lookup(name);
  if (v) return v.flow;
  if (host.imports.has(name)) return UNKNOWN;
  return globalIdentifier(name) ?? host.implicitGlobal?.(name) ?? UNKNOWN;
}

const joinsLeft = (k: ts.SyntaxKind): boolean =>
  k === ts.SyntaxKind.PlusToken ||
  k === ts.SyntaxKind.PlusEqualsToken ||
  k === ts.SyntaxKind.BarBarToken ||
  k === ts.SyntaxKind.QuestionQuestionToken ||
  k === ts.SyntaxKind.BarBarEqualsToken ||
  k === ts.SyntaxKind.QuestionQuestionEqualsToken;

/**
 * `+` concatenates and `||` / `??` join the flows of both operands; a left-deep chain of them
 * (`'a' + x + 'b' + …`) is folded from its innermost left operand up, in a loop.
 */
function evalBinary(e: ts.BinaryExpression, host: FlowHost): Flow {
  const links = leftLinks(e, joinsLeft);
  if (links.length === 0) return evalOneSided(e, host);
  let flow = evalFlow((links[links.length - 1] as ts.BinaryExpression).left, host);
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i] as ts.BinaryExpression;
    const right = evalFlow(link.right, host);
    const k = link.operatorToken.kind;
    const plus = k === ts.SyntaxKind.PlusToken || k === ts.SyntaxKind.PlusEqualsToken;
    flow = plus ? concatFlow([flow, right]) : joinFlow(flow, right);
  }
  return flow;
}

/** `=` and `,`: the value is the right operand's. */
const valueIsRight = (k: ts.SyntaxKind): boolean =>
  k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.CommaToken;

/** What each link of an `a = b = … = x` chain was found to hold (x): see `chainValue`. */
const chainValues = new WeakMap<ts.Node, ts.Expression>();

/**
 * `x` of `a = b = … = x` (or `a, b, …, x`), found in a loop and remembered per link: the engine
 * asks it for every link of a generated chain of thousands, which costs no stack and, in all,
 * time linear in the chain's length.
 */
function chainValue(e: ts.BinaryExpression): ts.Expression {
  const run: ts.Node[] = [];
  let value: ts.Expression = e;
  while (ts.isBinaryExpression(value) && valueIsRight(value.operatorToken.kind)) {
    const known = chainValues.get(value);
    if (known) {
      value = known;
      break;
    }
    run.push(value);
    value = unwrap(value.right);
  }
  for (const link of run) chainValues.set(link, value);
  return value;
}

/** Operators whose value does not depend on the left operand's flow. */
function evalOneSided(e: ts.BinaryExpression, host: FlowHost): Flow {
  const k = e.operatorToken.kind;
  if (k === ts.SyntaxKind.AmpersandAmpersandToken) return evalFlow(e.right, host);
  if (valueIsRight(k)) return evalFlow(chainValue(e), host);
  return SAFE; // arithmetic, comparison, instanceof, in: numbers and booleans
}

/** A host that also knows the checks a branch condition established. */
class CheckedHost implements FlowHost {
  readonly imports: ReadonlyMap<string, ImportInfo>;
  readonly guards: GuardEnv | undefined;
  readonly archive: boolean | undefined;

  constructor(
    private readonly host: FlowHost,
    private readonly checks: Check[],
  ) {
    this.imports = host.imports;
    this.guards = host.guards;
    this.archive = host.archive;
  }

  lookup(name: string): VarInfo | undefined {
    return this.host.lookup(name);
  }

  hasChecks(): boolean {
    return true;
  }

  checkedState(key: string): CheckKind | undefined {
    for (const c of this.checks) {
      if ((key === c.key || key.startsWith(`${c.key}.`)) && c.kind === 'full') return 'full';
    }
    return this.host.checkedState(key) ?? this.checks.find((c) => c.key === key)?.kind;
  }

  callLocal(call: ts.CallExpression, args: Flow[]): Flow | undefined {
    return this.host.callLocal(call, args);
  }

  callbackResult(call: ts.CallExpression): Flow | undefined {
    return this.host.callbackResult?.(call);
  }

  thisMember(e: ts.Expression, name: string): Flow | undefined {
    return this.host.thisMember?.(e, name);
  }

  implicitGlobal(name: string): Flow | undefined {
    return this.host.implicitGlobal?.(name);
  }
}

function checkedHost(host: FlowHost, checks: Check[]): FlowHost {
  return checks.length === 0 ? host : new CheckedHost(host, checks);
}

function evalConditional(e: ts.ConditionalExpression, host: FlowHost): Flow {
  const whenTrue = conditionChecks(e.condition, true, host.guards);
  const whenFalse = conditionChecks(e.condition, false, host.guards);
  return joinFlow(
    evalFlow(e.whenTrue, checkedHost(host, whenTrue)),
    evalFlow(e.whenFalse, checkedHost(host, whenFalse)),
  );
}

function joinAll(flows: Flow[], start: Flow): Flow {
  let out = start;
  for (const f of flows) out = joinFlow(out, f.state === 'object' ? UNKNOWN : f);
  return out;
}

function evalLiteralCollection(
  e: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression,
  host: FlowHost,
): Flow {
  const flows: Flow[] = [];
  if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements)
      flows.push(evalFlow(ts.isSpreadElement(el) ? el.expression : el, host));
  } else {
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) flows.push(evalFlow(p.initializer, host));
      else if (ts.isShorthandPropertyAssignment(p)) flows.push(evalFlow(p.name, host));
      else if (ts.isSpreadAssignment(p)) flows.push(evalFlow(p.expression, host));
    }
  }
  const out = joinAll(flows, CONSTANT);
  // maybeObject stays as the tainted parts say: `{ id: req.params.id }` holds only strings.
  return out.state === 'constant' ? CONSTANT : out;
}

/** Stamps a taint that has no origin line yet with the line of the expression reading it. */
function withLine(flow: Flow, e: ts.Expression): Flow {
  if (flow.state !== 'tainted' || flow.taint.line !== undefined) return flow;
  const sf = sourceFileOf(e);
  const line = sf.getLineAndCharacterOfPosition(e.getStart(sf)).line + 1;
  return { state: 'tainted', taint: { ...flow.taint, line } };
}

function evalInner(e: ts.Expression, host: FlowHost): Flow {
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e))
    return { state: 'constant', value: e.text };
  if (ts.isIdentifier(e)) return withLine(evalIdentifier(e.text, host), e);
  if (ts.isTemplateExpression(e)) {
    const parts: Flow[] = [{ state: 'constant', value: e.head.text }];
    for (const span of e.templateSpans) {
      parts.push(evalFlow(span.expression, host), { state: 'constant', value: span.literal.text });
    }
    return concatFlow(parts);
  }
  if (ts.isElementAccessExpression(e) && isArgvRuntimePath(e)) return CONSTANT;
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const name = memberName(e);
    if (name !== undefined && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
      if (isRouteField(e, name)) return { state: 'object', kind: 'route' };
      const field = host.thisMember?.(e, name);
      if (field) return withLine(field, e);
      // Vue Router's `this.$route` (options API) carries the URL's query, params and hash
      if (name === '$route') return { state: 'object', kind: 'request' };
    }
    const base = evalFlow(e.expression, host);
    if (base.state === 'unknown' && host.archive) return archiveEntryFlow(e) ?? base;
    // a named object's member (not a parameter's stand-in, which is no literal)
    const own =
      base.state === 'tainted' &&
      name !== undefined &&
      ts.isIdentifier(e.expression) &&
      !base.taint.source.startsWith(PARAM_MARK)
        ? literalMemberFlow(e, name, (x) => evalFlow(x, host))
        : undefined;
    return withLine(own ?? memberFlow(base, name), e);
  }
  if (ts.isCallExpression(e)) return withLine(evalCall(e, host), e);
  if (ts.isNewExpression(e)) return evalNew(e, host);
  if (ts.isBinaryExpression(e)) return evalBinary(e, host);
  if (ts.isConditionalExpression(e)) return evalConditional(e, host);
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e)) {
    return evalLiteralCollection(e, host);
  }
  if (ts.isSpreadElement(e)) return evalFlow(e.expression, host);
  if (ts.isTaggedTemplateExpression(e)) return SAFE; // sql`…`, html`…`: the tag handles escaping
  switch (e.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassExpression:
      return CONSTANT;
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.BigIntLiteral:
      return SAFE;
    default:
      return UNKNOWN;
  }
}

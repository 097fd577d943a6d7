import ts from '../../lib/typescript.cjs';
import { calleeOf, chainKey, unwrap } from './ast.js';
import { leftLinks } from './binary-chain.js';
import { predicateChecks } from './predicates.js';
import { regexChecks } from './regex-guards.js';
import type { CheckKind } from './scope.js';

export interface Check {
  key: string;
  kind: CheckKind;
}

/** Partial facts: only together (`startsWith('/') && !startsWith('//')`) do they validate a value. */
export type Fact = CheckKind | 'slash' | 'no-dslash';
export interface RawCheck {
  key: string;
  kind: Fact;
}

/** What guard analysis needs from the engine: functions of this file, judged by their bodies. */
export interface GuardEnv {
  localFunction?(name: string): ts.FunctionLikeDeclaration | undefined;
  /**
   * What conditions proved, by condition and truth, for as long as `localFunction` answers the
   * same (one file's walk): each condition is asked about again in each pass, and `a ? b : c`
   * whenever its flow is.
   */
  readonly proved?: Map<ts.Expression, Check[]>[];
}

/** The guard environment of one file's walk. */
export function guardEnv(localFunction: GuardEnv['localFunction']): GuardEnv {
  return { localFunction, proved: [new Map(), new Map()] };
}

const listChecks = new Set(['includes', 'has', 'indexOf', 'some', 'find', 'findIndex']);
const notValidators = /^(is|has)(empty|nil|null|undefined|array|object|string|function|nan)$/i;
const validatorName = /^(is|has)[A-Z_]|valid|allow|permit|safe|check|verify|whitelist/;
/** Block-list predicates: true means "bad", so they never prove a value safe. */
const blockListName =
  /^(is|has)?_?(blocked|internal|private|denied|banned|blacklisted|forbidden|local|loopback|reserved|dangerous|malicious)|^(deny|block|ban|reject)/i;
/** Format-only validators (`isURL`, `isValidUrl`) accept any host. */
const formatOnlyName = /^(is|validate|check)(valid)?(url|uri|link|href|http)s?$/i;
/** Substrings whose absence keeps a path in its directory (`if (p.includes('..')) return`), only that. */
const pathDanger = new Set(['..', '../', '..\\', '\0']);

function literalText(e: ts.Expression | undefined): string | undefined {
  const u = e && unwrap(e);
  return u && ts.isStringLiteralLike(u) ? u.text : undefined;
}

function isLiteral(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isStringLiteralLike(u) || ts.isNumericLiteral(u) || ts.isRegularExpressionLiteral(u);
}

function isNullish(e: ts.Expression): boolean {
  const u = unwrap(e);
  return u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined');
}

function isMinusOne(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (
    ts.isPrefixUnaryExpression(u) &&
    u.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(u.operand) &&
    u.operand.text === '1'
  );
}

/** Chain keys a checked expression stands for (`new URL(u).hostname` → `u`). */
export function subjectKeys(expr: ts.Expression): string[] {
  const e = unwrap(expr);
  const key = chainKey(e);
  if (key !== undefined) {
    const m = /^(.*)\.(hostname|host|origin|protocol)$/.exec(key);
    return m?.[1] && m[2] !== 'protocol' ? [key, m[1]] : [key];
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    return subjectKeys(e.expression);
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const out: string[] = [];
    for (const a of e.arguments ?? []) out.push(...subjectKeys(a));
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      out.push(...subjectKeys(e.expression.expression));
    }
    return out;
  }
  return [];
}

export function keysOf(exprs: readonly ts.Expression[], kind: Fact): RawCheck[] {
  const out: RawCheck[] = [];
  for (const x of exprs) for (const key of subjectKeys(x)) out.push({ key, kind });
  return out;
}

/** `allowed.some((p) => target.startsWith(p))` checks `target` (not the callback's own parameters). */
function callbackChecks(fn: ts.ArrowFunction | ts.FunctionExpression, env: GuardEnv): RawCheck[] {
  const params = new Set(fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')));
  let body: ts.Expression | undefined;
  if (ts.isBlock(fn.body)) {
    const ret = fn.body.statements.find(ts.isReturnStatement);
    body = ret?.expression;
  } else body = fn.body;
  if (!body) return [];
  return checksWhen(body, true, env).filter((c) => !params.has(c.key.split('.')[0] ?? ''));
}

/** A prefix that pins a host or a directory (`https://api.x.com/`, `/srv/`), not just `/` or a scheme. */
function isStrongPrefix(lit: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(lit)) return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(lit);
  if (lit.startsWith('/')) return /^\/[^/\\]/.test(lit);
  return /[/\\]/.test(lit) && !lit.startsWith('.');
}

function prefixChecks(c: ts.Expression, name: string, arg: ts.Expression, truth: boolean) {
  const lit = literalText(arg);
  const recv = [c];
  if (!truth) {
    if (name !== 'startsWith' || lit === undefined) return [];
    if (lit === '//') return keysOf(recv, 'no-dslash');
    return pathDanger.has(lit) ? keysOf(recv, 'path') : [];
  }
  if (lit === undefined) return isLiteral(arg) ? [] : keysOf(recv, 'full');
  if (name === 'endsWith') {
    const hostKey = /\.(hostname|host)$/.test(chainKey(c) ?? '');
    return hostKey && /^\.[a-z0-9-]+\.[a-z]{2,}$/i.test(lit) ? keysOf(recv, 'url') : [];
  }
  if (lit === '/') return keysOf(recv, 'slash');
  if (!isStrongPrefix(lit)) return [];
  return keysOf(recv, /^[a-z][a-z0-9+.-]*:/i.test(lit) ? 'url' : 'full'); // a fixed host: a URL check
}

function listCallChecks(recv: ts.Expression, arg: ts.Expression, truth: boolean, env: GuardEnv) {
  const a = unwrap(arg);
  if (ts.isArrowFunction(a) || ts.isFunctionExpression(a))
    return truth ? callbackChecks(a, env) : [];
  const lit = literalText(a);
  if (lit !== undefined) {
    // `x.includes('..')`: a substring test; only its absence of traversal sequences protects
    if (truth) return [];
    if (lit === '//') return keysOf([recv], 'no-dslash');
    return pathDanger.has(lit) ? keysOf([recv], 'path') : [];
  }
  return truth ? keysOf([a], 'full') : [];
}

/** What a validator of another module checks, as its name says: a path, a URL, or the value. */
function validatorKind(name: string): Fact {
  if (/path|file|dir|folder/i.test(name)) return 'path';
  return /url|uri|host|domain|origin|link|redirect/i.test(name) ? 'url' : 'full';
}

function namedChecks(call: ts.CallExpression, name: string, truth: boolean, env: GuardEnv) {
  const callee = unwrap(call.expression);
  const local = ts.isIdentifier(callee) ? env.localFunction?.(name) : undefined;
  if (local) {
    return predicateChecks(local, truth, env).flatMap((pc) => {
      const arg = call.arguments[pc.index];
      return arg ? keysOf([arg], pc.kind) : [];
    });
  }
  if (!truth || blockListName.test(name) || formatOnlyName.test(name)) return [];
  if (notValidators.test(name) || !validatorName.test(name)) return [];
  return keysOf(call.arguments, validatorKind(name));
}

function callChecks(call: ts.CallExpression, truth: boolean, env: GuardEnv): RawCheck[] {
  const c = calleeOf(call);
  if (!c) return [];
  const args = call.arguments;
  const [a0] = args;
  if (c.receiver && listChecks.has(c.name) && a0) return listCallChecks(c.receiver, a0, truth, env);
  if (c.receiver && (c.name === 'startsWith' || c.name === 'endsWith') && a0)
    return prefixChecks(c.receiver, c.name, a0, truth);
  if (c.receiver && (c.name === 'test' || c.name === 'exec') && a0)
    return regexChecks(c.receiver, a0, truth);
  if (c.receiver && c.name === 'match' && a0) return regexChecks(a0, c.receiver, truth);
  if (c.name === 'isArray') return a0 && !truth ? keysOf([a0], 'type') : [];
  // `if (isNaN(id)) return`: past it, `id` reads as a number (no quotes, spaces or operators)
  if (c.name === 'isNaN' && !c.receiver) return a0 && !truth ? keysOf([a0], 'full') : [];
  if (c.name === 'hasOwnProperty' || c.name === 'hasOwn' || isOwnCheckCall(c))
    return truth ? keysOf(args.slice(-1), 'full') : [];
  return namedChecks(call, c.name, truth, env);
}

/** `Object.prototype.hasOwnProperty.call(map, key)`, `{}.hasOwnProperty.call(map, key)`. */
function isOwnCheckCall(c: { name: string; receiver?: ts.Expression }): boolean {
  if (c.name !== 'call' || !c.receiver) return false;
  const r = unwrap(c.receiver);
  return ts.isPropertyAccessExpression(r) && r.name.text === 'hasOwnProperty';
}

/** `list.indexOf(x) === -1`, `list.indexOf(x) >= 0`: membership with a direction. */
function indexOfChecks(b: ts.BinaryExpression, truth: boolean, env: GuardEnv): RawCheck[] | null {
  const l = unwrap(b.left);
  if (!ts.isCallExpression(l) || !/^(indexOf|findIndex|search)$/.test(calleeOf(l)?.name ?? ''))
    return null;
  const op = b.operatorToken.kind;
  const K = ts.SyntaxKind;
  let found: boolean;
  if (isMinusOne(b.right)) {
    if (op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken) found = !truth;
    else if (op === K.ExclamationEqualsEqualsToken || op === K.ExclamationEqualsToken)
      found = truth;
    else if (op === K.GreaterThanToken) found = truth;
    else return [];
  } else if (ts.isNumericLiteral(unwrap(b.right)) && unwrap(b.right).getText() === '0') {
    if (op === K.GreaterThanEqualsToken) found = truth;
    else if (op === K.LessThanToken) found = !truth;
    else return [];
  } else return null;
  return callChecks(l, found, env);
}

function equalityChecks(b: ts.BinaryExpression, positive: boolean): RawCheck[] {
  for (const [a, other] of [
    [b.left, b.right],
    [b.right, b.left],
  ] as const) {
    const u = unwrap(a);
    if (ts.isTypeOfExpression(u)) return positive ? keysOf([u.expression], 'type') : [];
    if (isLiteral(other) && !isNullish(other)) {
      if (!positive) return [];
      // `x[0] === '/'`, `x.charAt(0) === '/'` only pin the first character
      const firstChar = ts.isElementAccessExpression(u) || /^(charAt|at)$/.test(calleeName(u));
      if (!firstChar) return keysOf([a], 'full');
      const base = ts.isElementAccessExpression(u) ? u.expression : receiverOf(u);
      return base && literalText(other) === '/' ? keysOf([base], 'slash') : [];
    }
    const keys = subjectKeys(a);
    if (!isNullish(other) && keys.length > 1 && /\.(origin|host|hostname)$/.test(keys[0] ?? '')) {
      return positive ? keys.map((key) => ({ key, kind: 'url' })) : []; // url.origin === base
    }
  }
  return [];
}

function calleeName(e: ts.Expression): string {
  return ts.isCallExpression(e) ? (calleeOf(e)?.name ?? '') : '';
}

function receiverOf(e: ts.Expression): ts.Expression | undefined {
  return ts.isCallExpression(e) ? calleeOf(e)?.receiver : undefined;
}

/**
 * `a && b && …` holding (or `a || b || …` failing): what each operand's truth says, a left-deep
 * chain read in a loop.
 */
function junctionChecks(b: ts.BinaryExpression, truth: boolean, env: GuardEnv): RawCheck[] {
  const links = leftLinks(b, (k) => k === b.operatorToken.kind);
  const innermost = links[links.length - 1] ?? b;
  const out = [...checksWhen(innermost.left, truth, env)];
  for (let i = links.length - 1; i >= 0; i--)
    out.push(...checksWhen((links[i] ?? b).right, truth, env));
  return out;
}

function binaryChecks(b: ts.BinaryExpression, truth: boolean, env: GuardEnv): RawCheck[] {
  const op = b.operatorToken.kind;
  const K = ts.SyntaxKind;
  if (op === K.AmpersandAmpersandToken) return truth ? junctionChecks(b, true, env) : [];
  if (op === K.BarBarToken) return truth ? [] : junctionChecks(b, false, env);
  if (op === K.InKeyword) return truth ? keysOf([b.left], 'full') : [];
  const idx = indexOfChecks(b, truth, env);
  if (idx) return idx;
  const eq = op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken;
  const neq = op === K.ExclamationEqualsEqualsToken || op === K.ExclamationEqualsToken;
  if (!eq && !neq) return [];
  return equalityChecks(b, eq === truth);
}

/** Raw facts that hold about values when `cond` evaluates to `truth`. */
export function checksWhen(cond: ts.Expression, truth: boolean, env: GuardEnv): RawCheck[] {
  const e = unwrap(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    return checksWhen(e.operand, !truth, env);
  }
  if (ts.isCallExpression(e)) return callChecks(e, truth, env);
  if (ts.isBinaryExpression(e)) return binaryChecks(e, truth, env);
  return [];
}

/** Combines partial facts: a leading `/` with `//` rejected is a same-site path (a URL check). */
export function finalize(raw: readonly RawCheck[]): Check[] {
  if (raw.length === 0) return [];
  const byKey = new Map<string, Set<Fact>>();
  for (const r of raw) byKey.set(r.key, (byKey.get(r.key) ?? new Set()).add(r.kind));
  const out: Check[] = [];
  for (const [key, facts] of byKey) {
    if (facts.has('full')) out.push({ key, kind: 'full' });
    else if (facts.has('slash') && facts.has('no-dslash')) out.push({ key, kind: 'url' });
    else if (facts.has('url')) out.push({ key, kind: 'url' });
    else if (facts.has('path')) out.push({ key, kind: 'path' });
    else if (facts.has('type')) out.push({ key, kind: 'type' });
  }
  return out;
}

/** Values a condition validates when it is `truth` (allow-lists, prefixes, validators, literals). */
export function conditionChecks(cond: ts.Expression, truth = true, env: GuardEnv = {}): Check[] {
  const memo = env.proved?.[truth ? 1 : 0];
  let checks = memo?.get(cond);
  if (!checks) {
    checks = finalize(checksWhen(cond, truth, env));
    memo?.set(cond, checks);
  }
  return checks;
}

/** True when a statement never falls through (return, throw, continue, break, process.exit). */
export function exits(st: ts.Statement): boolean {
  if (
    ts.isReturnStatement(st) ||
    ts.isThrowStatement(st) ||
    ts.isContinueStatement(st) ||
    ts.isBreakStatement(st)
  )
    return true;
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return last !== undefined && exits(last);
  }
  if (ts.isIfStatement(st))
    return st.elseStatement !== undefined && exits(st.thenStatement) && exits(st.elseStatement);
  if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression)) {
    const c = calleeOf(st.expression);
    return c?.path === 'process.exit';
  }
  return false;
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, enclosingFunctionName, isFunctionNode, rootName, unwrap } from './ast.js';
import { sourceFileOf, walkTree } from './binary-chain.js';
import { hasKeyGuard, localFunction } from './key-guards.js';
import { checkReduceStep, checkStep } from './path-steps.js';
import { dynamicKey, inLoop, isAssignment, ownerFunction, reportPollution } from './pp-shapes.js';
import type { RuleContext } from './types.js';
import { isFreshObject, isFreshTarget, writesBackOwnKeys } from './write-targets.js';

/**
 * Prototype pollution inside the helpers that do it: a recursive merge that copies
 * `target[key] = source[key]` for every key, a recursive path setter, and (path-steps.ts) a
 * loop that steps `cur = cur[key]` into nested objects before writing. Reported on the write /
 * the step, unless the function rejects `__proto__`/`constructor`/`prototype` or checks that the
 * key is the target's own (see key-guards.ts), or the write lands in an object the function made
 * or in the object whose own keys it iterates (write-targets.ts).
 */

const pathSplit = /\.split\(|\.shift\(\)/;
const keyIterators =
  /\bfor\s*\(\s*(?:(?:const|let|var)\s+)?[\w$]+\s+in\b|Object\.(keys|entries|getOwnPropertyNames)\(|Reflect\.ownKeys\(/;

/** What a body's text shows, kept per body: each write in it would scan it again. */
const bodyTexts = new WeakMap<ts.Node, { iteratesKeys: boolean; splitsPath: boolean }>();

function bodyText(body: ts.Node): { iteratesKeys: boolean; splitsPath: boolean } {
  let t = bodyTexts.get(body);
  if (!t) {
    const text = body.getText();
    t = { iteratesKeys: keyIterators.test(text), splitsPath: pathSplit.test(text) };
    bodyTexts.set(body, t);
  }
  return t;
}

/** Roots of the objects a function iterates the keys of (`for (k in src)`, `Object.keys(src)`). */
function iteratedRoots(body: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): boolean => {
    let obj: ts.Expression | undefined;
    if (ts.isForInStatement(n)) obj = n.expression;
    else if (
      ts.isCallExpression(n) &&
      /^Object\.(keys|entries|getOwnPropertyNames)$/.test(n.expression.getText())
    )
      obj = n.arguments[0];
    const root = obj ? rootName(obj) : undefined;
    if (root !== undefined) out.add(root);
    return true;
  };
  walkTree(body, visit);
  return out;
}

/** `t[k] = t[k] || {}`, `t[k] = {}`: making the nested object the recursion descends into. */
function createsNested(write: ts.ElementAccessExpression, value: ts.Expression): boolean {
  if (isFreshObject(value)) return true;
  if (!ts.isBinaryExpression(value)) return false;
  const k = value.operatorToken.kind;
  const fallback = k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken;
  return fallback && unwrap(value.left).getText() === write.getText();
}

/** How the function can call itself: `merge(…)`, `this.merge(…)`, `exports.merge(…)`, `Utils.merge(…)`. */
function selfReceivers(fn: ts.FunctionLikeDeclaration): Set<string> {
  const out = new Set(['this']);
  const p = fn.parent;
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(unwrap(p.left)))
    out.add((unwrap(p.left) as ts.PropertyAccessExpression).expression.getText());
  if (p && (ts.isClassDeclaration(p) || ts.isClassExpression(p)) && p.name) out.add(p.name.text);
  return out;
}

/** Recursive calls of `fn` (named `name`) in its body. */
function selfCalls(fn: ts.FunctionLikeDeclaration, name: string): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const receivers = selfReceivers(fn);
  const visit = (n: ts.Node): boolean => {
    const c = ts.isCallExpression(n) ? calleeOf(n) : undefined;
    if (c?.name === name && (!c.receiver || receivers.has(unwrap(c.receiver).getText())))
      out.push(n as ts.CallExpression);
    return true;
  };
  if (fn.body) walkTree(fn.body, visit);
  return out;
}

/** A recursive call hands `target[k]` on in the place `target` came in: the recursion descends. */
function descendsInto(
  owner: ts.FunctionLikeDeclaration,
  target: ts.Expression,
  calls: readonly ts.CallExpression[],
): boolean {
  const t = unwrap(target);
  if (!ts.isIdentifier(t)) return false;
  const at = owner.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === t.text);
  if (at < 0) return false;
  return calls.some((c) => {
    const arg = c.arguments[at];
    const d = arg
      ? dynamicKey(
          ts.isBinaryExpression(unwrap(arg)) ? (unwrap(arg) as ts.BinaryExpression).left : arg,
        )
      : undefined;
    return d !== undefined && unwrap(d.expression).getText() === t.text;
  });
}

/**
 * A merge without recursion: `stack.push([t[k], s[k]])` queues the nested pair, and a loop
 * of the same function copies into it later.
 */
function queuesNested(body: ts.Node, write: ts.ElementAccessExpression): boolean {
  const sf = sourceFileOf(write);
  const nested = `${unwrap(write.expression).getText(sf)}[${write.argumentExpression.getText(sf)}]`;
  return queuedTexts(body).some((text) => text.includes(nested));
}

/** The arguments' texts of every `push(…)` / `unshift(…)` in a body, gathered once per body. */
const queued = new WeakMap<ts.Node, string[]>();

function queuedTexts(body: ts.Node): string[] {
  let out = queued.get(body);
  if (out) return out;
  const texts: string[] = [];
  const visit = (n: ts.Node): boolean => {
    const c = ts.isCallExpression(n) ? calleeOf(n) : undefined;
    if (c && (c.name === 'push' || c.name === 'unshift'))
      for (const a of (n as ts.CallExpression).arguments) texts.push(a.getText());
    return true;
  };
  walkTree(body, visit);
  queued.set(body, (out = texts));
  return out;
}

/** The function's name, also for `exports.merge = function (…)` and `A.prototype.merge = …`. */
function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  const named = fn.body ? enclosingFunctionName(fn.body) : undefined;
  if (named !== undefined) return named;
  const p = fn.parent;
  const assigned =
    p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken
      ? unwrap(p.left)
      : undefined;
  return assigned && ts.isPropertyAccessExpression(assigned) ? assigned.name.text : undefined;
}

/** What `loopingCaller` found per function and written object (null: none). */
const loopingCallers = new WeakMap<ts.Node, Map<string, ts.FunctionLikeDeclaration | null>>();

/**
 * A merge split in two: `deepMerge(t, s)` loops over the keys of `s` and calls
 * `assignValue(t, k, s[k])`, which copies the value or descends through `deepMerge(t[k], v)`.
 * The function of the file that `owner` descends through (passing `target[…]`) and that calls
 * `owner` once per key, else undefined.
 */
function loopingCaller(
  owner: ts.FunctionLikeDeclaration,
  name: string,
  write: ts.ElementAccessExpression,
): ts.FunctionLikeDeclaration | undefined {
  const target = unwrap(write.expression);
  if (name === '' || !owner.body || !ts.isIdentifier(target)) return undefined;
  // asked for each computed-key write: one walk of the body per written object
  const known = loopingCallers.get(owner)?.get(target.text);
  if (known !== undefined) return known ?? undefined;
  const found = findLoopingCaller(owner, owner.body, name, target.text);
  if (!loopingCallers.has(owner)) loopingCallers.set(owner, new Map());
  loopingCallers.get(owner)?.set(target.text, found ?? null);
  return found;
}

function findLoopingCaller(
  owner: ts.FunctionLikeDeclaration,
  body: ts.Node,
  name: string,
  target: string,
): ts.FunctionLikeDeclaration | undefined {
  const sf = sourceFileOf(owner);
  let found: ts.FunctionLikeDeclaration | undefined;
  const descends = (a: ts.Expression): boolean => {
    const d = dynamicKey(a);
    return d !== undefined && unwrap(d.expression).getText(sf) === target;
  };
  const visit = (n: ts.Node): boolean => {
    if (found || !ts.isCallExpression(n) || !ts.isIdentifier(n.expression)) return !found;
    const fn = n.expression.text === name ? undefined : localFunction(sf, n.expression.text);
    if (!fn || !isFunctionNode(fn) || !fn.body || !n.arguments.some(descends)) return true;
    if (bodyText(fn.body).iteratesKeys && selfCalls(fn, name).some((c) => inLoop(c, fn)))
      found = fn;
    return !found;
  };
  walkTree(body, visit);
  return found;
}

/**
 * Whether `node` copies into nested objects: in a recursive merge (a loop over the keys of a
 * function that calls itself), a recursive path setter, or a merge split in two; with the
 * functions whose key loops the copied keys come from.
 */
function mergeLoops(
  node: ts.BinaryExpression,
  write: ts.ElementAccessExpression,
  owner: ts.FunctionLikeDeclaration,
  name: string,
): ts.Node[] | undefined {
  const body = owner.body;
  if (!body) return undefined;
  const calls = name === '' ? [] : selfCalls(owner, name);
  const text = bodyText(body);
  // A merge copies every key in a loop; a path setter recurses on the rest of a path.
  const merges = text.iteratesKeys && inLoop(node, owner);
  if (calls.length === 0 && !(merges && queuesNested(body, write))) {
    const caller = loopingCaller(owner, name, write);
    return caller?.body ? [body, caller.body] : undefined;
  }
  if (!merges && !text.splitsPath && !descendsInto(owner, write.expression, calls))
    return undefined;
  return [body];
}

/** `target[key] = source[key]` in a function that calls itself for every key of an object. */
function checkMergeWrite(node: ts.BinaryExpression, ctx: RuleContext): void {
  const write = dynamicKey(node.left);
  if (!write || createsNested(write, node.right)) return;
  const owner = ownerFunction(node);
  if (!owner?.body) return;
  const name = functionName(owner) ?? '';
  const value = unwrap(node.right);
  // `a[k] = merge(a[k], b[k])` is the recursion; the copy of a plain value is reported.
  if (ts.isCallExpression(value) && calleeOf(value)?.name === name) return;
  const bodies = mergeLoops(node, write, owner, name);
  if (!bodies || ctx.flow(write.argumentExpression).state === 'constant') return;
  const root = rootName(write.expression);
  if (root !== undefined && isFreshTarget(root, node)) return;
  if (writesBackOwnKeys(write, owner.body)) return;
  const copiedFrom = new Set(bodies.flatMap((b) => [...iteratedRoots(b)]));
  if (bodies.some((b) => hasKeyGuard(b, copiedFrom))) return;
  reportPollution(
    node,
    ctx,
    `${name ? `${name}()` : 'This function'} copies every key of its source into nested objects, "__proto__" and "constructor" included: merging parsed input pollutes Object.prototype.`,
  );
}

export function checkMergeFunctions(node: ts.BinaryExpression, ctx: RuleContext): void {
  if (!isAssignment(node)) return;
  if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    checkStep(node, ctx);
    checkMergeWrite(node, ctx);
  }
  checkReduceStep(node, ctx);
}

import ts from '../../lib/typescript.cjs';
import { calleeOf, enclosingFunctionName, isFunctionNode, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { hasKeyGuard } from './key-guards.js';
import {
  dynamicKey,
  enclosingFunction,
  inLoop,
  isAssignment,
  isCallbackArg,
  ownerFunction,
  reportPollution,
} from './pp-shapes.js';
import { definition } from './rule-kit.js';
import type { RuleContext } from './types.js';
import { writeTargets, writtenByCallers } from './walk-writes.js';

/**
 * Path setters: a loop whose steps `cur = cur[key]` enter nested objects under computed keys
 * before the function writes through `cur`, and `keys.reduce((o, k) => (o[k] = o[k] || {}), obj)`.
 * With the key "__proto__" a step reaches Object.prototype and the write pollutes it.
 */

const fallbacks = new Set([
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
]);

function isStepOf(e: ts.Expression, name: string): ts.ElementAccessExpression | undefined {
  const d = dynamicKey(e);
  const base = d ? unwrap(d.expression) : undefined;
  return base && ts.isIdentifier(base) && base.text === name ? d : undefined;
}

/** What a variable is set to: its initializer and every `v = …` in `scope`. */
function valuesOf(v: ts.Identifier, scope: ts.Node): ts.Expression[] {
  const out: ts.Expression[] = [];
  const def = definition(v);
  if (def !== v) out.push(def);
  const visit = (n: ts.Node): boolean => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(n.left);
      if (ts.isIdentifier(left) && left.text === v.text) out.push(n.right);
    }
    return true;
  };
  walkTree(scope, visit);
  return out;
}

/**
 * `x[k]` read out of `x = x[k]`, `x = x[k] || {}`, `x = x[k] ??= {}`, `x = x[k] = x[k] || {}`,
 * `x = cond ? x[k] : (x[k] = {})`, or `x = next` where `next` is set to `x[k]` in `scope`.
 */
export function steppedAccess(
  right: ts.Expression,
  name: string,
  scope?: ts.Node,
): ts.ElementAccessExpression | undefined {
  const r = unwrap(right);
  if (ts.isBinaryExpression(r) && (fallbacks.has(r.operatorToken.kind) || isAssignment(r)))
    return isStepOf(r.left, name);
  if (ts.isConditionalExpression(r))
    return steppedAccess(r.whenTrue, name, scope) ?? steppedAccess(r.whenFalse, name, scope);
  if (ts.isIdentifier(r) && scope && r.text !== name) {
    for (const v of valuesOf(r, scope)) {
      const step = steppedAccess(v, name);
      if (step) return step;
    }
    return undefined;
  }
  return isStepOf(r, name);
}

/**
 * The outermost loop around a node outside any function (an iterator callback such as
 * `forEach`'s counts as a loop: `ownerFunction` found no other function), or undefined.
 */
function outermostLoop(node: ts.Node): ts.Node | undefined {
  let loop: ts.Node | undefined;
  for (let n = node.parent; n; n = n.parent)
    if (ts.isIterationStatement(n, false) || isFunctionNode(n)) loop = n;
  return loop;
}

/** `cur = cur[key]` in a loop of a function that writes `cur[key] = …`: a path setter. */
export function checkStep(node: ts.BinaryExpression, ctx: RuleContext): void {
  const left = unwrap(node.left);
  if (!ts.isIdentifier(left)) return;
  const owner = ownerFunction(node);
  // a script's top-level loop walks like a function's: its file is the scope
  const scope = owner ? owner.body : outermostLoop(node);
  if (!scope || (owner && !inLoop(node, owner))) return;
  const step = steppedAccess(node.right, left.text, scope);
  if (!step) return;
  const key = ctx.flow(step.argumentExpression);
  if (key.state === 'constant' || key.state === 'safe') return;
  const body = owner?.body ?? node.getSourceFile();
  const written =
    writeTargets(body).has(left.text) ||
    (owner !== undefined && writtenByCallers(owner, enclosingFunctionName(body), left.text));
  if (!written || hasKeyGuard(body)) return;
  reportPollution(
    node,
    ctx,
    `Each step of this loop follows a computed key into a nested object, and the function then writes through it: the key "__proto__" reaches Object.prototype.`,
    key,
  );
}

/** The reduce callback hands the written `acc[k]` on as the next accumulator. */
function returnsStep(cb: ts.FunctionLikeDeclaration, node: ts.BinaryExpression): boolean {
  const body = cb.body;
  if (!body) return false;
  const gives = (e: ts.Expression | undefined): boolean =>
    e !== undefined && (unwrap(e) === node || unwrap(e).getText() === unwrap(node.left).getText());
  if (!ts.isBlock(body)) return gives(body);
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found || isFunctionNode(n)) return false;
    if (ts.isReturnStatement(n) && gives(n.expression)) found = true;
    return !found;
  };
  body.statements.forEach((st) => walkTree(st, visit));
  return found;
}

/** `keys.reduce((o, k) => (o[k] = o[k] || {}), obj)`: each step creates and enters `o[k]`. */
export function checkReduceStep(node: ts.BinaryExpression, ctx: RuleContext): void {
  const write = dynamicKey(node.left);
  if (!write) return;
  const cb = enclosingFunction(node);
  if (!isFunctionNode(cb) || !isCallbackArg(cb)) return;
  if (calleeOf(cb.parent as ts.CallExpression)?.name !== 'reduce') return;
  const [acc, item] = cb.parameters;
  const base = unwrap(write.expression);
  const key = unwrap(write.argumentExpression);
  if (!acc || !item || !ts.isIdentifier(acc.name) || !ts.isIdentifier(item.name)) return;
  if (!ts.isIdentifier(base) || base.text !== acc.name.text) return;
  if (!ts.isIdentifier(key) || key.text !== item.name.text) return;
  const creates = ts.isObjectLiteralExpression(unwrap(node.right));
  if ((!creates && !steppedAccess(node.right, acc.name.text)) || !returnsStep(cb, node)) return;
  const owner = ownerFunction(cb) ?? cb;
  if (owner.body && hasKeyGuard(owner.body)) return;
  reportPollution(
    node,
    ctx,
    'Each step of this reduce() creates and enters a nested object under a computed key: the key "__proto__" reaches Object.prototype.',
  );
}

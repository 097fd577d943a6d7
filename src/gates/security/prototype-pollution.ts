import ts from '../../lib/typescript.cjs';
import { receiverName, rootName, unwrap } from './ast.js';
import { checkAssignInput } from './assign-input.js';
import { hasKeyGuard } from './key-guards.js';
import { entryValueName, keysSource } from './key-sources.js';
import { checkMergeFunctions } from './merge-functions.js';
import { checkCopyInto, checkNestedWrite } from './nested-keys.js';
import { checkPickedWrite } from './picked-writes.js';
import { checkReduceWalk } from './reduce-walks.js';
import { dynamicKey, enclosingFunction, FIX_KEY } from './pp-shapes.js';
import { isRemote as isInput, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';
import { writesBackOwnKeys } from './write-targets.js';

const mergeFns = new Set([
  'merge',
  'mergeWith',
  'defaultsDeep',
  'set',
  'setWith',
  'zipObjectDeep',
  'extend',
  'deepExtend',
  'deepMerge',
  'mergeDeep',
  'assignDeep',
]);
/** Where the path sits in the path setters: set(obj, path, v), zipObjectDeep(paths, values). */
const pathArg = new Map([
  ['set', 1],
  ['setWith', 1],
  ['zipObjectDeep', 0],
]);
const lodashLike = /^(_|lodash|underscore|\$|jQuery|objectPath|dotProp|dot)$/;
const mergeModules =
  /^(lodash|underscore|merge|merge-deep|mixin-deep|deep-extend|set-value|dot-prop|object-path|dset|defaults-deep|assign-deep|extend|jquery)/;
/** The value is the source's own under the written key: `src[k]`, or `v` of `[k, v]`. */
function readsSameKey(
  write: ts.ElementAccessExpression,
  value: ts.Expression,
  src: ts.Expression,
): boolean {
  const v = unwrap(value);
  if (ts.isIdentifier(v)) return v.text === entryValueName(write.argumentExpression);
  const read = dynamicKey(v);
  return (
    read !== undefined &&
    read.argumentExpression.getText() === write.argumentExpression.getText() &&
    unwrap(read.expression).getText() === unwrap(src).getText()
  );
}

/**
 * `for (k in req.body) target[k] = req.body[k]`: copying every key of parsed input copies
 * `__proto__` too, and `target` then inherits whatever the input's object holds.
 */
function checkKeyCopy(node: ts.BinaryExpression, ctx: RuleContext): void {
  const write = dynamicKey(node.left);
  const src = write && keysSource(write.argumentExpression);
  if (!write || !src || !readsSameKey(write, node.right, src)) return;
  if (writesBackOwnKeys(write, enclosingFunction(node))) return;
  const flow = ctx.flow(src);
  if (!isInput(flow) || (flow.state === 'tainted' && !flow.taint.maybeObject)) return;
  const root = rootName(src);
  if (hasKeyGuard(enclosingFunction(node), root === undefined ? undefined : new Set([root])))
    return;
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: 'high',
    message: `Every key of ${sourceText(flow)} is copied, "__proto__" included: the target then inherits properties the input chooses.`,
    fix: 'Copy only known fields (or validate with a schema that strips unknown keys), or skip the keys "__proto__", "constructor" and "prototype".',
  });
}

function checkMergeCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r || !mergeFns.has(r.name)) return;
  const fromLib = r.receiver
    ? lodashLike.test(receiverName(r.receiver)) || mergeModules.test(r.module ?? '')
    : mergeModules.test(r.module ?? '');
  if (!fromLib) return;
  const at = pathArg.get(r.name);
  const setsPath = at !== undefined;
  const args = setsPath ? node.arguments.slice(at, at + 1) : node.arguments.slice(1);
  if (r.name === 'extend' && node.arguments[0]?.kind !== ts.SyntaxKind.TrueKeyword) return;
  for (const a of args) {
    const f = ctx.flow(a);
    if (f.state !== 'tainted' || f.taint.kind !== 'remote') continue;
    ctx.report(node, {
      rule: 'prototype-pollution',
      cwe: 'CWE-1321',
      severity: 'high',
      message: `${r.name}() ${setsPath ? 'sets a property path' : 'deep-merges an object'} from ${f.taint.source}: "__proto__" keys pollute Object.prototype.`,
      fix: setsPath
        ? FIX_KEY
        : 'Validate the object with a schema (zod) that strips unknown keys before merging, or merge only known fields.',
    });
    return;
  }
}

export const prototypePollutionRule: SecurityRule = {
  id: 'prototype-pollution',
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (ts.isBinaryExpression(node)) {
      if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        checkKeyCopy(node, ctx);
        checkNestedWrite(node, ctx);
        checkPickedWrite(node, ctx);
      }
      checkMergeFunctions(node, ctx);
    } else if (ts.isCallExpression(node)) {
      checkMergeCall(node, ctx);
      checkCopyInto(node, ctx);
      checkReduceWalk(node, ctx);
      checkAssignInput(node, ctx);
    }
  },
};

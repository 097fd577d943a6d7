import ts from '../../lib/typescript.cjs';
import { isFunctionNode, receiverName, rootName, unwrap } from './ast.js';
import { hasKeyGuard } from './key-guards.js';
import { checkMergeFunctions, dynamicKey } from './merge-functions.js';
import { definition, sourceText } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

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
const lodashLike = /^(_|lodash|underscore|\$|jQuery|objectPath|dotProp|dot)$/;
const mergeModules =
  /^(lodash|underscore|merge|merge-deep|mixin-deep|deep-extend|set-value|dot-prop|object-path|dset|defaults-deep|assign-deep|extend|jquery)/;
const FIX_KEY =
  "Reject the keys '__proto__', 'constructor' and 'prototype' (or check Object.hasOwn on an allow-list), or store data in a Map / Object.create(null).";

function enclosingFunction(node: ts.Node): ts.Node {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return node.getSourceFile();
}

const isInput = (f: Flow | undefined): boolean =>
  f?.state === 'tainted' && f.taint.kind === 'remote';

/**
 * `o[a][b] = v`, or `const t = o[a]; t[b] = v`, with `a` from input: `a = '__proto__'` reaches
 * Object.prototype and `b` names the property every object then inherits. A single level
 * (`o[k] = v`) only changes `o`'s own prototype and is not reported.
 */
/** The object a loop variable ranges over the keys of: `for (k in src)`, `for (k of Object.keys(src))`. */
function keysSource(key: ts.Expression): ts.Expression | undefined {
  const k = unwrap(key);
  if (!ts.isIdentifier(k)) return undefined;
  for (let n: ts.Node | undefined = k.parent; n && !isFunctionNode(n); n = n.parent) {
    if (!ts.isForInStatement(n) && !ts.isForOfStatement(n)) continue;
    const init = n.initializer;
    const decl = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : init;
    if (!decl || !ts.isIdentifier(decl) || decl.text !== k.text) continue;
    if (ts.isForInStatement(n)) return n.expression;
    const e = unwrap(n.expression);
    const isKeys =
      ts.isCallExpression(e) &&
      /^Object\.(keys|getOwnPropertyNames)$/.test(e.expression.getText()) &&
      e.arguments[0] !== undefined;
    return isKeys ? e.arguments[0] : undefined;
  }
  return undefined;
}

/**
 * `for (k in req.body) target[k] = req.body[k]`: copying every key of parsed input copies
 * `__proto__` too, and `target` then inherits whatever the input's object holds.
 */
function checkKeyCopy(node: ts.BinaryExpression, ctx: RuleContext): void {
  const write = dynamicKey(node.left);
  const read = dynamicKey(node.right);
  if (!write || !read) return;
  const src = keysSource(write.argumentExpression);
  if (!src || read.argumentExpression.getText() !== write.argumentExpression.getText()) return;
  if (unwrap(read.expression).getText() !== unwrap(src).getText()) return;
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

function checkAssignment(node: ts.BinaryExpression, ctx: RuleContext): void {
  const outer = dynamicKey(node.left);
  if (!outer) return;
  checkKeyCopy(node, ctx);
  const base = unwrap(outer.expression);
  const inner =
    dynamicKey(base) ?? (ts.isIdentifier(base) ? dynamicKey(definition(base)) : undefined);
  const innerFlow = inner ? ctx.flow(inner.argumentExpression) : undefined;
  const keyFlow = ctx.flow(outer.argumentExpression);
  const direct = inner === dynamicKey(base);
  // Directly nested: the inner key from input is enough. Through a variable: both keys.
  if (!isInput(innerFlow) || (!direct && !isInput(keyFlow))) return;
  if (keyFlow.state === 'constant') return;
  if (hasKeyGuard(enclosingFunction(node))) return;
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: 'high',
    message: `Nested property assignment with keys from ${sourceText(innerFlow as Flow)}: "__proto__" as the first key pollutes every object.`,
    fix: FIX_KEY,
  });
}

function checkMergeCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r || !mergeFns.has(r.name)) return;
  const fromLib = r.receiver
    ? lodashLike.test(receiverName(r.receiver)) || mergeModules.test(r.module ?? '')
    : mergeModules.test(r.module ?? '');
  if (!fromLib) return;
  const isSet = r.name === 'set' || r.name === 'setWith';
  const args = isSet ? node.arguments.slice(1, 2) : node.arguments.slice(1);
  if (r.name === 'extend' && node.arguments[0]?.kind !== ts.SyntaxKind.TrueKeyword) return;
  for (const a of args) {
    const f = ctx.flow(a);
    if (f.state !== 'tainted' || f.taint.kind !== 'remote') continue;
    ctx.report(node, {
      rule: 'prototype-pollution',
      cwe: 'CWE-1321',
      severity: 'high',
      message: `${r.name}() ${isSet ? 'sets a property path' : 'deep-merges an object'} from ${f.taint.source}: "__proto__" keys pollute Object.prototype.`,
      fix: isSet
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
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      checkAssignment(node, ctx);
      checkMergeFunctions(node, ctx);
    } else if (ts.isCallExpression(node)) checkMergeCall(node, ctx);
  },
};

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
function checkAssignment(node: ts.BinaryExpression, ctx: RuleContext): void {
  const outer = dynamicKey(node.left);
  if (!outer) return;
  const base = unwrap(outer.expression);
  const inner =
    dynamicKey(base) ?? (ts.isIdentifier(base) ? dynamicKey(definition(base)) : undefined);
  const innerFlow = inner ? ctx.flow(inner.argumentExpression) : undefined;
  const keyFlow = ctx.flow(outer.argumentExpression);
  const direct = inner === dynamicKey(base);
  // Directly nested: the inner key from input is enough. Through a variable: both keys.
  if (!isInput(innerFlow) || (!direct && !isInput(keyFlow))) return;
  if (keyFlow.state === 'constant') return;
  const root = rootName(outer.expression);
  if (hasKeyGuard(enclosingFunction(node), root === undefined ? undefined : new Set([root])))
    return;
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

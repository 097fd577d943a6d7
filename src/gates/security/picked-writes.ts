import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import { hasKeyGuard } from './key-guards.js';
import { pickedBy } from './nested-keys.js';
import { enclosingFunction, FIX_KEY } from './pp-shapes.js';
import { isRemote, sourceText } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * A named property written into an object picked by a key from input: `todos[id].done = v`, or
 * `const t = groups[name]; t.owner = v`. With the key `"__proto__"` the picked object is
 * Object.prototype, so every object of the process gains the property (`isAdmin`, `shell`, …).
 * High when the value is input too, medium when only the key is.
 */
export function checkPickedWrite(node: ts.BinaryExpression, ctx: RuleContext): void {
  const left = unwrap(node.left);
  if (!ts.isPropertyAccessExpression(left)) return;
  const picked = pickedBy(left.expression);
  if (!picked) return;
  const key = ctx.flow(picked.argumentExpression);
  if (!isRemote(key) || hasKeyGuard(enclosingFunction(node))) return;
  const valueIsInput = isRemote(ctx.flow(node.right));
  ctx.report(node, {
    rule: 'prototype-pollution',
    cwe: 'CWE-1321',
    severity: valueIsInput ? 'high' : 'medium',
    message: `.${left.name.text} is written into an object picked by a key from ${sourceText(key)}: the key "__proto__" picks Object.prototype, and every object inherits the property.`,
    fix: FIX_KEY,
  });
}

import ts from '../../lib/typescript.cjs';
import { rootName, unwrap } from './ast.js';
import { hasKeyGuard } from './key-guards.js';
import { pickedBy } from './nested-keys.js';
import { enclosingFunction } from './pp-shapes.js';
import { isRemote, sourceText } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * `Object.assign(user, JSON.parse(body))`: Object.assign sets each own key of the input on the
 * target, and parsed JSON can own a "__proto__" key, whose assignment replaces the target's
 * prototype with an object the input chooses (`user.isAdmin` is then inherited). The same copy
 * as `for (k in input) target[k] = input[k]`. A spread (`{ ...input }`) defines "__proto__" as an
 * own property instead and is not reported; `Object.assign(o[key], …)` is nested-keys.ts's.
 */

function isObjectAssign(callee: ts.Expression): boolean {
  const e = unwrap(callee);
  return (
    ts.isPropertyAccessExpression(e) &&
    e.name.text === 'assign' &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'Object'
  );
}

export function checkAssignInput(call: ts.CallExpression, ctx: RuleContext): void {
  if (!isObjectAssign(call.expression)) return;
  const [target, ...sources] = call.arguments;
  if (!target || pickedBy(target)) return;
  for (const s of sources) {
    const f = ctx.flow(s);
    if (!isRemote(f) || !f.taint.maybeObject) continue;
    // `req.body.hasOwnProperty(…)` asks the input itself: it owns "__proto__", no guard
    const root = rootName(s);
    if (hasKeyGuard(enclosingFunction(call), root === undefined ? undefined : new Set([root])))
      return;
    ctx.report(call, {
      rule: 'prototype-pollution',
      cwe: 'CWE-1321',
      severity: 'high',
      message: `Object.assign() copies every key of ${sourceText(f)}, "__proto__" included: the target's prototype becomes an object the input chooses.`,
      fix: 'Copy only known fields (or validate with a schema that strips unknown keys), or spread the input into a new object ({ ...input }), which defines "__proto__" as an own key.',
    });
    return;
  }
}

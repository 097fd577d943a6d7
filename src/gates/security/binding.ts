import ts from '../../lib/typescript.cjs';
import {
  chainKey,
  chainRoot,
  isFunctionNode,
  memberName,
  propertyNameText,
  unwrap,
} from './ast.js';
import { walkTree } from './binary-chain.js';
import { elementFlow, evalFlow, memberFlow, type FlowHost } from './flow.js';
import { joinFlow, maxOrigins, UNKNOWN, type Scope, type VarInfo } from './scope.js';
import type { Flow } from './types.js';

/** Declares the names of a binding (identifier or destructuring pattern) with their flows. */
export function bindName(
  name: ts.BindingName,
  flow: Flow,
  scope: Scope,
  origins: string[],
  host: FlowHost,
): void {
  if (ts.isIdentifier(name)) {
    scope.declare(name.text, { flow, origins });
    return;
  }
  if (ts.isArrayBindingPattern(name)) {
    for (const el of name.elements) {
      if (ts.isBindingElement(el))
        bindName(el.name, el.dotDotDotToken ? flow : elementFlow(flow), scope, origins, host);
    }
    return;
  }
  for (const el of name.elements) {
    const prop = el.propertyName
      ? propertyNameText(el.propertyName)
      : ts.isIdentifier(el.name)
        ? el.name.text
        : undefined;
    let sub = el.dotDotDotToken ? flow : memberFlow(flow, prop);
    if (el.initializer && sub.state !== 'object')
      sub = joinFlow(sub, evalFlow(el.initializer, host));
    bindName(el.name, sub, scope, origins, host);
  }
}

/** Chain keys an expression is derived from, so a later check of the result also covers them. */
export function originsOf(expr: ts.Expression, scope: Scope): string[] {
  const out: string[] = [];
  walkTree(expr, (n) => {
    if (out.length > maxOrigins) return false;
    if (ts.isExpression(n)) {
      const k = chainKey(n);
      if (k !== undefined && (ts.isIdentifier(n) || memberName(n) !== undefined)) {
        out.push(k);
        // bounded: a generated file chains thousands of names (a spread that long overflows the stack)
        for (const origin of scope.lookup(chainRoot(k))?.origins ?? []) {
          if (out.length > maxOrigins) break;
          out.push(origin);
        }
        return false;
      }
    }
    return !isFunctionNode(n);
  });
  return out;
}

/** `x = v` or `x += v`: the name's new flow (a compound assignment joins the old one). */
export function assignName(
  node: ts.BinaryExpression,
  name: string,
  value: Flow,
  scope: Scope,
): VarInfo {
  const compound = node.operatorToken.kind !== ts.SyntaxKind.EqualsToken;
  const old = scope.lookup(name)?.flow;
  return scope.assign(
    name,
    compound && old ? joinFlow(old, value) : value,
    originsOf(node.right, scope),
  );
}

/** The flow of a method call's receiver (`obj` of `obj.m(…)`); UNKNOWN for a plain call. */
export function receiverFlow(call: ts.CallExpression, flowOf: (e: ts.Expression) => Flow): Flow {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? flowOf(callee.expression) : UNKNOWN;
}

import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { definition } from './rule-kit.js';

type Fn = ts.FunctionLikeDeclaration;

/** The function (not a callback) one of whose parameters is named `name`, enclosing `at`. */
function owningFunction(name: string, at: ts.Node): Fn | undefined {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n) || !('body' in n)) continue;
    const fn = n as Fn;
    if (fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return fn;
  }
  return undefined;
}

/**
 * The enclosing function whose parameter a value is built from (`function run(input) { const
 * box = { input }; new VM({ sandbox: box }) }` → `run`), following local definitions twice.
 */
export function parameterOrigin(expr: ts.Expression, depth = 0): Fn | undefined {
  let found: Fn | undefined;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    if (ts.isIdentifier(n)) {
      found = owningFunction(n.text, n);
      if (!found && depth < 2) {
        const def = definition(n);
        if (def !== n) found = parameterOrigin(def, depth + 1);
      }
      return false;
    }
    const inner = ts.isShorthandPropertyAssignment(n)
      ? n.name
      : ts.isPropertyAccessExpression(n)
        ? n.expression
        : ts.isPropertyAssignment(n)
          ? n.initializer
          : undefined;
    if (inner) walkTree(inner, visit);
    return !inner && !ts.isFunctionLike(n);
  };
  walkTree(unwrap(expr), visit);
  return found;
}

/** A parameter declared `: string` (`function schedule(code: string)`): text, not a callback. */
export function isStringParameter(e: ts.Expression): boolean {
  const v = unwrap(e);
  if (!ts.isIdentifier(v)) return false;
  const fn = parameterOrigin(v);
  const p = fn?.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === v.text);
  return p?.type?.kind === ts.SyntaxKind.StringKeyword;
}

import ts from '../../lib/typescript.cjs';
import { rootName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { implicitGlobalWrites } from './implicit-globals.js';
import { definition } from './rule-kit.js';

/**
 * AngularJS view-model values: members of a controller's `$scope` (`$scope.next`), which the
 * view's bindings (`ng-model`) and other controllers write. They are the controller's input,
 * like a React component's props and state, so sinks that report a component's input at `low`
 * report them too. A variable is one when it is declared or last assigned from `$scope.x`
 * before the use, in the same function — or, for an implicit global that function has not yet
 * assigned, anywhere in the file (`implicit-globals.ts`).
 */
export function isScopeValue(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (isScopeMember(e)) return true;
  if (!ts.isIdentifier(e)) return false;
  const def = definition(e);
  if (def !== e) return isScopeMember(def);
  const assigned = lastAssignment(e);
  if (assigned !== undefined) return isScopeMember(assigned);
  // an implicit global read before its function assigns it holds what any assignment stored
  return implicitGlobalWrites(e).some(isScopeMember);
}

function isScopeMember(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isPropertyAccessExpression(u) && rootName(u) === '$scope';
}

/** The right side of the last `name = …` before `use` in its function (or file). */
function lastAssignment(use: ts.Identifier): ts.Expression | undefined {
  let body: ts.Node = use.getSourceFile();
  for (let p: ts.Node | undefined = use.parent; p; p = p.parent)
    if (ts.isFunctionLike(p)) {
      body = p;
      break;
    }
  let found: ts.Expression | undefined;
  walkTree(body, (n) => {
    if (n.pos >= use.pos) return false;
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(n.left) &&
      n.left.text === use.text
    )
      found = n.right;
    return true;
  });
  return found;
}

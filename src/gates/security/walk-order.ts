import ts from '../../lib/typescript.cjs';
import { isFunctionNode, unwrap } from './ast.js';
import { fieldFunction } from './locals.js';
import { unwrapFn } from './params.js';

type Fn = ts.FunctionLikeDeclaration;

/**
 * The file's top-level functions (`function f()`, `const f = () => …`, methods of top-level
 * classes), callers before callees,
 * so that a single walk has seen every call site of a helper before it walks the helper's body
 * (its parameters are then bound from those sites, and no second walk is needed). Cycles are
 * broken arbitrarily; the engine re-walks when a call site changes an already-walked function.
 */
export function topLevelFunctions(sf: ts.SourceFile): Fn[] {
  const out: Fn[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.body) out.push(st);
    else if (ts.isClassDeclaration(st)) {
      for (const m of st.members) {
        const fn = isFunctionNode(m) ? m : fieldFunction(m);
        if (fn?.body) out.push(fn);
      }
    } else if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        const fn = init ? unwrapFn(init) : undefined;
        if (fn) out.push(fn);
        else if (init && ts.isObjectLiteralExpression(init)) out.push(...objectMethods(init));
      }
    else if (ts.isExpressionStatement(st)) {
      // `Widget.prototype.render = function …`, `helpers.quote = (s) => …`
      const e = unwrap(st.expression);
      const fn =
        ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken
          ? unwrapFn(e.right)
          : undefined;
      if (fn && ts.isPropertyAccessExpression(unwrap((e as ts.BinaryExpression).left)))
        out.push(fn);
    }
  }
  return out;
}

/** Functions of an object literal (`{ wrap(x) {…}, quote: (s) => … }`). */
function objectMethods(obj: ts.ObjectLiteralExpression): Fn[] {
  const out: Fn[] = [];
  for (const p of obj.properties) {
    if (ts.isMethodDeclaration(p) && p.body) out.push(p);
    else if (ts.isPropertyAssignment(p)) {
      const fn = unwrapFn(p.initializer);
      if (fn) out.push(fn);
    }
  }
  return out;
}

/** The function of `fns` whose body holds `node`, if any. */
export function ownerIn(node: ts.Node, fns: ReadonlySet<Fn>): Fn | undefined {
  for (let p = node.parent; p; p = p.parent) if (fns.has(p as Fn)) return p as Fn;
  return undefined;
}

export function callerFirst(
  fns: readonly Fn[],
  calls: readonly (ts.CallExpression | ts.NewExpression)[],
  target: (call: ts.CallExpression | ts.NewExpression) => Fn | undefined,
): Fn[] {
  const set = new Set(fns);
  const callees = new Map<Fn, Fn[]>();
  for (const c of calls) {
    const t = target(c);
    if (!t || !set.has(t)) continue;
    const owner = ownerIn(c, set);
    if (!owner || owner === t) continue;
    const list = callees.get(owner);
    if (list) list.push(t);
    else callees.set(owner, [t]);
  }
  const seen = new Set<Fn>();
  const post: Fn[] = [];
  const visit = (f: Fn): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of callees.get(f) ?? []) visit(g);
    post.push(f);
  };
  for (const f of fns) visit(f);
  return post.reverse();
}

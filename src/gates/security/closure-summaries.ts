import type ts from '../../lib/typescript.cjs';
import { isFunctionNode } from './ast.js';
import type { Flow } from './types.js';

type Fn = ts.FunctionLikeDeclaration;

/**
 * Return summaries of nested functions (closures) read at their call sites. A function's summary
 * is computed once, with nothing around it, so a closure returning a variable of its enclosing
 * function (`const build = () => 'ls ' + dir; exec(build())`) summarises as unknown. When it
 * does, the closure is walked again with the call site's scope around it — the variables it
 * captures hold, at the call, what the caller's scope says — once per call site and pass.
 */
export class ClosureSummaries {
  private readonly byCall = new Map<ts.Node, Flow[]>();
  private readonly active = new Set<Fn>();

  startPass(): void {
    this.byCall.clear();
  }

  /** The call-site summary of `fn`, computed by `walk` unless `fn` is being walked already. */
  at(call: ts.CallExpression, fn: Fn, walk: () => Flow[]): Flow[] | undefined {
    const known = this.byCall.get(call);
    if (known) return known;
    if (this.active.has(fn)) return undefined;
    this.active.add(fn);
    try {
      const rets = walk();
      this.byCall.set(call, rets);
      return rets;
    } finally {
      this.active.delete(fn);
    }
  }
}

/** The function is declared inside another function, so it may read that function's variables. */
export function isNestedFunction(fn: Fn): boolean {
  for (let n: ts.Node | undefined = fn.parent; n; n = n.parent) if (isFunctionNode(n)) return true;
  return false;
}

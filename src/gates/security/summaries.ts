import ts from '../../lib/typescript.cjs';
import { isFunctionNode } from './ast.js';
import { applySummary, Scope, UNKNOWN } from './scope.js';
import type { Flow } from './types.js';

type Fn = ts.FunctionLikeDeclaration;

/**
 * Return summaries of the file's functions: the flows of a function's `return`s with its
 * parameters as stand-ins, computed once (by the engine's `summarise`, which walks the body
 * without reporting) and applied to each call's argument flows.
 *
 * A closure's summary is computed with nothing around it, so one returning a variable of its
 * enclosing function (`const build = () => 'ls ' + dir; exec(build())`) summarises as unknown.
 * When it does, the closure is walked again with the call site's scope around it — the variables
 * it captures hold, at the call, what the caller's scope says — once per call site and pass.
 */
export class FunctionSummaries {
  private readonly cached = new Map<Fn, Flow[] | 'pending'>();
  private readonly byCall = new Map<ts.Node, Flow[]>();
  private readonly active = new Set<Fn>();

  constructor(private readonly summarise: (fn: Fn, outer: Scope) => Flow[]) {}

  startPass(): void {
    this.byCall.clear();
  }

  /** The flow a call of `fn` with these arguments returns, in the caller's scope `site`. */
  call(call: ts.CallExpression, fn: Fn, args: readonly Flow[], site?: Scope): Flow {
    const out = applySummary(this.of(fn), args);
    if (out.state !== 'unknown' || !site || !isNestedFunction(fn)) return out;
    // only worth a walk when a variable it captures holds input (or a request…) at the call
    const holdsInput = (n: string): boolean => {
      const state = site.lookup(n)?.flow.state;
      return state === 'tainted' || state === 'object';
    };
    if (!capturedNames(fn).some(holdsInput)) return out;
    const rets = this.atSite(call, fn, site);
    return rets ? applySummary(rets, args) : out;
  }

  private of(fn: Fn): Flow[] {
    const known = this.cached.get(fn);
    if (known === 'pending') return [UNKNOWN];
    if (known) return known;
    this.cached.set(fn, 'pending');
    const rets = this.summarise(fn, new Scope(undefined, true));
    this.cached.set(fn, rets);
    return rets;
  }

  private atSite(call: ts.CallExpression, fn: Fn, site: Scope): Flow[] | undefined {
    const known = this.byCall.get(call);
    if (known) return known;
    if (this.active.has(fn)) return undefined;
    this.active.add(fn);
    try {
      const rets = this.summarise(fn, new Scope(site, true));
      this.byCall.set(call, rets);
      return rets;
    } finally {
      this.active.delete(fn);
    }
  }
}

const captured = new WeakMap<Fn, string[]>();

/** Names a function reads but does not declare (parameters, locals): what it captures. */
function capturedNames(fn: Fn): string[] {
  let names = captured.get(fn);
  if (names) return names;
  const declared = new Set<string>();
  const read = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) &&
          p.name === n) ||
        (ts.isFunctionDeclaration(p) && p.name === n);
      if (isName && !ts.isPropertyAccessExpression(p)) declared.add(n.text);
      else if (!isName) read.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  names = [...read].filter((x) => !declared.has(x));
  captured.set(fn, names);
  return names;
}

/** The function is declared inside another function, so it may read that function's variables. */
function isNestedFunction(fn: Fn): boolean {
  for (let n: ts.Node | undefined = fn.parent; n; n = n.parent) if (isFunctionNode(n)) return true;
  return false;
}

import type ts from '../../lib/typescript.cjs';
import { CONSTANT, joinFlow } from './scope.js';
import type { Flow } from './types.js';

type Fn = ts.FunctionLikeDeclaration;

/** What call sites' flows do to parameters (see paramFlowsFor): taint, clear, or nothing. */
function effects(sites: readonly Flow[] | undefined): string {
  let out = '';
  for (const f of sites ?? []) {
    if (f.state === 'tainted') out += f.taint.kind === 'remote' ? 'R' : 'L';
    else if (f.state === 'object') out += `O${f.kind}.`;
    else out += f.state === 'constant' || f.state === 'safe' ? 'S' : 'U';
  }
  return out.replace(/U+$/, '');
}

/**
 * The flows each function of a file is called with, joined over its call sites, and whether a
 * pass of the engine saw them change for a function whose body it had already walked (then
 * another pass is needed: the body was walked with parameters the sites no longer imply).
 */
export class CallSites {
  private readonly sites = new Map<Fn, Flow[]>();
  private bound = new Map<Fn, string>();
  private readonly inside = new Set<Fn>();

  get(fn: Fn): readonly Flow[] | undefined {
    return this.sites.get(fn);
  }

  startPass(): void {
    this.bound = new Map();
  }

  /** The body of `fn` is walked now, its parameters bound from the sites known so far. */
  enter(fn: Fn): void {
    this.bound.set(fn, effects(this.sites.get(fn)));
    this.inside.add(fn);
  }

  leave(fn: Fn): void {
    this.inside.delete(fn);
  }

  /**
   * One call of `target` with these argument flows. Every position is kept (a missing argument
   * is `undefined`), so sites of different lengths do not overwrite each other.
   */
  record(target: Fn, args: readonly Flow[]): void {
    const prev = this.sites.get(target) ?? [];
    const length = Math.max(prev.length, args.length);
    const next: Flow[] = [];
    for (let i = 0; i < length; i++) {
      const f = args[i] ?? CONSTANT;
      const p = prev[i];
      next.push(p ? joinFlow(p, f) : f);
    }
    this.sites.set(target, next);
    // Recursion: what a function passes to itself does not call for another pass.
    if (this.inside.has(target)) this.bound.set(target, effects(next));
  }

  /**
   * One call's arguments: as `target`'s parameters, and as the parameters of `listeners` (the
   * listeners an `emit(event, …)` reaches take the arguments after the event name).
   */
  recordCall(
    args: readonly ts.Expression[],
    target: Fn | undefined,
    listeners: readonly Fn[],
    flowOf: (arg: ts.Expression) => Flow,
  ): void {
    if (target) this.record(target, args.map(flowOf));
    for (const listener of listeners) this.record(listener, args.slice(1).map(flowOf));
  }

  /** Some function walked in this pass was bound with parameters its sites no longer imply. */
  stale(): boolean {
    for (const [fn, bound] of this.bound) if (bound !== effects(this.sites.get(fn))) return true;
    return false;
  }
}

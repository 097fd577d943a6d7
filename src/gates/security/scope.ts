import type { Flow } from './types.js';

export interface VarInfo {
  flow: Flow;
  /** Chain keys this value was derived from (`u = new URL(x)` → `x`): checking `u` checks them too. */
  origins: string[];
}

/** How a guard checked a value: fully validated, or only its type (a string, not an object). */
export type CheckKind = 'full' | 'type';

const rank: Record<Flow['state'], number> = {
  constant: 0,
  safe: 1,
  object: 2,
  unknown: 3,
  tainted: 4,
};

/** Least upper bound of two flows: tainted wins, then unknown. */
export function joinFlow(a: Flow, b: Flow): Flow {
  if (a.state === 'tainted' && b.state === 'tainted') {
    return {
      state: 'tainted',
      taint: {
        kind: a.taint.kind === 'remote' || b.taint.kind === 'remote' ? 'remote' : 'local',
        source: a.taint.kind === 'remote' ? a.taint.source : b.taint.source,
        maybeObject: a.taint.maybeObject || b.taint.maybeObject,
      },
    };
  }
  if (a.state === 'constant' && b.state === 'constant') {
    return a.value !== undefined && a.value === b.value ? a : { state: 'constant' };
  }
  if (a.state === 'object' && b.state === 'object')
    return a.kind === b.kind ? a : { state: 'unknown' };
  const top = rank[a.state] >= rank[b.state] ? a : b;
  return top.state === 'object' ? { state: 'unknown' } : top;
}

export const UNKNOWN: Flow = { state: 'unknown' };
export const SAFE: Flow = { state: 'safe' };
export const CONSTANT: Flow = { state: 'constant' };

/** Lexical scope: variables and guard-checked chain keys. Lives for one walk of one file. */
export class Scope {
  private readonly vars = new Map<string, VarInfo>();
  private readonly checked = new Map<string, CheckKind>();

  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): VarInfo | undefined {
    for (let s = this as Scope | undefined; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  declare(name: string, info: VarInfo): void {
    this.vars.set(name, info);
  }

  /** Assignment: strong update where declared in this scope, weak (join) from nested scopes. */
  assign(name: string, flow: Flow, origins: string[]): void {
    for (let s = this as Scope | undefined; s; s = s.parent) {
      const v = s.vars.get(name);
      if (!v) continue;
      if (s === this) s.vars.set(name, { flow, origins });
      else s.vars.set(name, { flow: joinFlow(v.flow, flow), origins: [...v.origins, ...origins] });
      return;
    }
    this.functionScope().vars.set(name, { flow, origins });
  }

  markChecked(key: string, kind: CheckKind): void {
    if (this.checked.get(key) !== 'full') this.checked.set(key, kind);
  }

  /** Checked state of a chain key or any of its prefixes (`u` checked ⇒ `u.href` checked). */
  checkedState(key: string): CheckKind | undefined {
    let found: CheckKind | undefined;
    for (let s = this as Scope | undefined; s; s = s.parent) {
      if (s.checked.size === 0) continue;
      let k = key;
      for (;;) {
        const c = s.checked.get(k);
        if (c === 'full') return 'full';
        if (c === 'type') found = 'type';
        const dot = k.lastIndexOf('.');
        if (dot < 0) break;
        k = k.slice(0, dot);
      }
    }
    return found;
  }

  private functionScope(): Scope {
    for (let s = this as Scope; ;) {
      if (s.isFunction || !s.parent) return s;
      s = s.parent;
    }
  }
}

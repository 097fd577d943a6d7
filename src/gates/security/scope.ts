import { commonSafeFor, guardedBy, type GuardClass } from './guard-classes.js';
import { objectMember } from './sources.js';
import type { Flow } from './types.js';

export interface VarInfo {
  flow: Flow;
  /** Chain keys this value was derived from (`u = new URL(x)` → `x`): checking `u` checks them too. */
  origins: string[];
  /** Declared by an assignment to a name nothing declares (an implicit global, `implicit-globals.ts`). */
  implicit?: true;
}

/** Origins kept per value: enough for real guards, bounded for generated code. */
export const maxOrigins = 16;

/**
 * Both lists once each, at most `maxOrigins`: a variable a generated file assigns
 * thousands of times from nested scopes (ajv-style validators) would otherwise grow a
 * list whose spread overflows the stack.
 */
export function joinOrigins(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set(a);
  for (const origin of b) {
    if (out.size > maxOrigins) break;
    out.add(origin);
  }
  return [...out].slice(0, maxOrigins + 1);
}

/**
 * How a guard checked a value: fully validated, only its type (a string, not an object), or
 * against one class of attack (a `GuardClass`: safe for the rules that class protects).
 */
export type CheckKind = 'full' | 'type' | GuardClass;

const rank: Record<Flow['state'], number> = {
  constant: 0,
  safe: 1,
  object: 2,
  unknown: 3,
  tainted: 4,
};

export const PARAM_MARK = '\u0000param:';

/** Taint standing for parameter `i` while a function's return summary is computed. */
export function paramTaint(i: number): Flow {
  return {
    state: 'tainted',
    taint: { kind: 'remote', source: `${PARAM_MARK}${i}`, maybeObject: true },
  };
}

/** Parameter indexes a summary taint stands for, or undefined for real taint. */
export function paramIndexes(source: string): number[] | undefined {
  if (!source.startsWith(PARAM_MARK)) return undefined;
  return source.slice(PARAM_MARK.length).split(',').map(Number);
}

function joinSources(a: string, b: string): string {
  const pa = paramIndexes(a);
  const pb = paramIndexes(b);
  if (!pa || !pb) return pa ? b : a;
  return PARAM_MARK + [...new Set([...pa, ...pb])].join(',');
}

/** Least upper bound of two flows: tainted wins, then unknown. */
export function joinFlow(a: Flow, b: Flow): Flow {
  if (a.state === 'tainted' && b.state === 'tainted') {
    const kind = a.taint.kind === 'remote' || b.taint.kind === 'remote' ? 'remote' : 'local';
    return {
      state: 'tainted',
      taint: {
        kind,
        source:
          a.taint.kind === b.taint.kind
            ? joinSources(a.taint.source, b.taint.source)
            : a.taint.kind === 'remote'
              ? a.taint.source
              : b.taint.source,
        maybeObject: a.taint.maybeObject || b.taint.maybeObject,
        ...commonSafeFor(a.taint, b.taint),
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

/**
 * The members a summary read from a parameter, read from the argument: `function q(r) { return
 * r.query }` called with a request gives `request.query`. Other arguments pass through as they
 * are (a member of input is input).
 */
function readPath(arg: Flow, path: readonly string[]): Flow {
  let v = arg;
  for (const name of path) {
    if (v.state !== 'object') return v;
    v = objectMember(v.kind, name);
  }
  return v;
}

/** A call's result from the callee's return summary, with parameter taint replaced by the arguments. */
export function applySummary(rets: readonly Flow[], args: readonly Flow[]): Flow {
  if (rets.length === 0) return UNKNOWN;
  let out: Flow = { state: 'constant' };
  for (const r of rets) {
    const params = r.state === 'tainted' ? paramIndexes(r.taint.source) : undefined;
    const path = r.state === 'tainted' ? r.taint.path : undefined;
    for (const a of params ? params.map((i) => args[i] ?? UNKNOWN) : [r]) {
      const f = params && path ? readPath(a, path) : a;
      const g = r.state === 'tainted' && params ? guardedBy(f, r.taint.safeFor) : f;
      out = joinFlow(out, g.state === 'object' ? UNKNOWN : g);
    }
  }
  return out;
}
export const SAFE: Flow = { state: 'safe' };
export const CONSTANT: Flow = { state: 'constant' };

/** Lexical scope: variables and guard-checked chain keys. Lives for one walk of one file. */
export class Scope {
  /** Made on first use: most block scopes declare nothing and check nothing. */
  private vars: Map<string, VarInfo> | undefined;
  private checked: Map<string, CheckKind> | undefined;

  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): VarInfo | undefined {
    for (let s = this as Scope | undefined; s; s = s.parent) {
      const v = s.vars?.get(name);
      if (v) return v;
    }
    return undefined;
  }

  declare(name: string, info: VarInfo): void {
    (this.vars ??= new Map()).set(name, info);
  }

  /**
   * Assignment: strong update where declared in this scope, weak (join) from nested scopes. A name
   * nothing declares is declared in the function scope, marked implicit. Returns the new binding.
   */
  assign(name: string, flow: Flow, origins: string[]): VarInfo {
    for (let s = this as Scope | undefined; s; s = s.parent) {
      const v = s.vars?.get(name);
      if (!v) continue;
      const info: VarInfo =
        s === this
          ? { flow, origins }
          : { flow: joinFlow(v.flow, flow), origins: joinOrigins(v.origins, origins) };
      if (v.implicit) info.implicit = true;
      s.declare(name, info);
      return info;
    }
    const info: VarInfo = { flow, origins, implicit: true };
    this.functionScope().declare(name, info);
    return info;
  }

  markChecked(key: string, kind: CheckKind): void {
    const checked = (this.checked ??= new Map());
    const old = checked.get(key);
    if (old === undefined || old === 'type' || kind === 'full') checked.set(key, kind);
  }

  /** Some enclosing scope holds a guard-checked key (else no lookup can find one). */
  hasChecks(): boolean {
    for (let s = this as Scope | undefined; s; s = s.parent) if (s.checked) return true;
    return false;
  }

  /** Checked state of a chain key or any of its prefixes (`u` checked ⇒ `u.href` checked). */
  checkedState(key: string): CheckKind | undefined {
    let found: CheckKind | undefined;
    for (let s = this as Scope | undefined; s; s = s.parent) {
      const checked = s.checked;
      if (!checked) continue;
      let k = key;
      for (;;) {
        const c = checked.get(k);
        if (c === 'full') return 'full';
        if (c !== undefined && (found === undefined || found === 'type')) found = c;
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

import type ts from '../../lib/typescript.cjs';
import type { FlowHost } from './flow.js';
import type { GuardEnv } from './guards.js';
import type { ImportInfo } from './imports.js';
import type { Scope } from './scope.js';
import type { ImplicitGlobals } from './implicit-globals.js';
import type { ThisFields } from './this-fields.js';
import type { Flow } from './types.js';

/** What the engine knows about the whole file, for evaluating expressions in any scope. */
export interface FileFacts {
  imports: Map<string, ImportInfo>;
  guards: GuardEnv;
  archive: boolean;
  fields: ThisFields;
  globals: ImplicitGlobals;
  /** The return flow of a function of this file called with these argument flows (in `site`). */
  callLocal(call: ts.CallExpression, args: Flow[], site?: Scope): Flow | undefined;
  /** The joined return flows of the callback passed to this call. */
  callbackResult(call: ts.Node): Flow | undefined;
}

/**
 * The host an expression is evaluated against in one scope: the scope's bindings and checks
 * (its later bindings too, so one host serves the whole scope) over the file's facts.
 * A class, not an object of closures: the engine makes one for every scope it walks.
 */
class ScopeHost implements FlowHost {
  readonly imports: FileFacts['imports'];
  readonly guards: GuardEnv;
  readonly archive: boolean;

  constructor(
    private readonly scope: Scope,
    private readonly file: FileFacts,
  ) {
    this.imports = file.imports;
    this.guards = file.guards;
    this.archive = file.archive;
  }

  lookup(n: string): ReturnType<Scope['lookup']> {
    return this.scope.lookup(n);
  }

  checkedState(k: string): ReturnType<Scope['checkedState']> {
    return this.scope.checkedState(k);
  }

  hasChecks(): boolean {
    return this.scope.hasChecks();
  }

  callLocal(call: ts.CallExpression, args: Flow[]): Flow | undefined {
    return this.file.callLocal(call, args, this.scope);
  }

  callbackResult(call: ts.Node): Flow | undefined {
    return this.file.callbackResult(call);
  }

  implicitGlobal(name: string): Flow | undefined {
    return this.file.globals.get(name);
  }

  thisMember(e: ts.Expression, name: string): Flow | undefined {
    const owner = this.file.fields.ownerOf(e);
    return owner === undefined ? undefined : this.file.fields.get(owner, name);
  }
}

export function scopeHost(scope: Scope, file: FileFacts): FlowHost {
  return new ScopeHost(scope, file);
}

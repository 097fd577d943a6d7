import type ts from '../../lib/typescript.cjs';
import type { FlowHost } from './flow.js';
import type { GuardEnv } from './guards.js';
import type { ImportInfo } from './imports.js';
import type { Scope } from './scope.js';
import type { ThisFields } from './this-fields.js';
import type { Flow } from './types.js';

/** What the engine knows about the whole file, for evaluating expressions in any scope. */
export interface FileFacts {
  imports: Map<string, ImportInfo>;
  guards: GuardEnv;
  archive: boolean;
  fields: ThisFields;
  /** The return flow of a function of this file called with these argument flows. */
  callLocal(call: ts.CallExpression, args: Flow[]): Flow | undefined;
  /** The joined return flows of the callback passed to this call. */
  callbackResult(call: ts.Node): Flow | undefined;
}

/**
 * The host an expression is evaluated against in one scope: the scope's bindings and checks
 * (its later bindings too, so one host serves the whole scope) over the file's facts.
 */
export function scopeHost(scope: Scope, file: FileFacts): FlowHost {
  return {
    lookup: (n) => scope.lookup(n),
    checkedState: (k) => scope.checkedState(k),
    hasChecks: () => scope.hasChecks(),
    imports: file.imports,
    callLocal: (call, args) => file.callLocal(call, args),
    callbackResult: (call) => file.callbackResult(call),
    guards: file.guards,
    archive: file.archive,
    thisMember: (e, name) => {
      const owner = file.fields.ownerOf(e);
      return owner === undefined ? undefined : file.fields.get(owner, name);
    },
  };
}

/**
 * The egress context of the request being served: the `x-shipgate-path` and
 * `x-shipgate-repo` headers, and where the policy's decisions go (the audit log).
 * The server enters it per request; the gateway's policy step reads it, so the
 * many routes that reach a model need no change to carry it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EgressContext, EgressDecision } from './egress-policy.js';

export interface EgressScopeValue extends EgressContext {
  /** Records a decision (the server appends it to the audit log). */
  record?: (decision: EgressDecision, detail: { task: string }) => void;
}

export class EgressScope {
  readonly #storage = new AsyncLocalStorage<EgressScopeValue>();

  run<T>(value: EgressScopeValue, fn: () => T): T {
    return this.#storage.run(value, fn);
  }

  current(): EgressScopeValue | undefined {
    return this.#storage.getStore();
  }
}

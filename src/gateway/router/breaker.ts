import { LRUCache } from 'lru-cache';
import { ErrorCode, ShipgateError, toShipgateError } from '../../errors.js';
import type { AttemptFn, Clock } from './attempt.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPolicy {
  failureThreshold: number;
  cooldownMs: number;
}

interface BreakerEntry {
  state: BreakerState;
  failures: number;
  openedAt: number;
  probing: boolean;
}

/** Targets with failures tracked at once; healthy targets hold no entry at all. */
const maxTracked = 256;

/**
 * One circuit breaker per provider+model: opens after N consecutive failures, lets a
 * single probe through after the cooldown (half-open), closes on its success.
 * Bounded (issue 9.6): model ids are client-chosen, so only targets with recent
 * failures have an entry (a closed breaker with no failures is forgotten), and at
 * most 256 of those, least recently used first out. The `breaker_state` metric
 * series follow the same bound.
 */
export class BreakerRegistry {
  readonly #entries: LRUCache<string, BreakerEntry>;

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly clock: Clock,
    maxEntries = maxTracked,
  ) {
    this.#entries = new LRUCache({ max: maxEntries });
  }

  #entry(key: string): BreakerEntry {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { state: 'closed', failures: 0, openedAt: 0, probing: false };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** Current state, moving open → half-open once the cooldown has passed. */
  state(key: string): BreakerState {
    const entry = this.#entries.get(key);
    if (!entry) return 'closed';
    if (entry.state === 'open' && this.clock.now() - entry.openedAt >= this.policy.cooldownMs) {
      entry.state = 'half-open';
      entry.probing = false;
    }
    return entry.state;
  }

  /** Admits a call or says why not; a half-open breaker admits one probe at a time. */
  admit(key: string): boolean {
    const state = this.state(key);
    if (state === 'closed') return true;
    const entry = this.#entry(key);
    if (state === 'half-open' && !entry.probing) {
      entry.probing = true;
      return true;
    }
    return false;
  }

  success(key: string): void {
    this.#entries.delete(key);
  }

  /** The admitted call ended without a verdict on the upstream (the caller cancelled). */
  release(key: string): void {
    const entry = this.#entries.get(key);
    if (entry) entry.probing = false;
  }

  failure(key: string): void {
    const entry = this.#entry(key);
    entry.failures += 1;
    entry.probing = false;
    if (entry.state === 'half-open' || entry.failures >= this.policy.failureThreshold) {
      entry.state = 'open';
      entry.openedAt = this.clock.now();
    }
  }

  snapshot(): Record<string, BreakerState> {
    const out: Record<string, BreakerState> = {};
    for (const key of [...this.#entries.keys()]) out[key] = this.state(key);
    return out;
  }
}

export function breakerKey(provider: string, modelId: string): string {
  return `${provider}/${modelId}`;
}

/** Failures that say the upstream is unhealthy (not the caller's own bad request). */
function countsAgainstUpstream(error: ShipgateError): boolean {
  return error.isRetryable || error.code === ErrorCode.UpstreamTimeout;
}

export function withBreaker<T>(breakers: BreakerRegistry, next: AttemptFn<T>): AttemptFn<T> {
  return async (model, signal, record) => {
    const key = breakerKey(model.provider, model.modelId);
    if (!breakers.admit(key)) {
      throw new ShipgateError(
        ErrorCode.CircuitOpen,
        `circuit open for ${key} after repeated failures`,
      );
    }
    try {
      const value = await next(model, signal, record);
      breakers.success(key);
      return value;
    } catch (thrown) {
      const error = toShipgateError(thrown);
      if (error.code === ErrorCode.Aborted) breakers.release(key);
      else if (countsAgainstUpstream(error)) breakers.failure(key);
      else breakers.success(key);
      throw error;
    }
  };
}

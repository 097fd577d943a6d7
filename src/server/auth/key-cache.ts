import type { Principal } from './principal.js';

interface Entry {
  principal: Principal;
  expiresAt: number;
}

/**
 * Verified keys by hash: bounded (oldest evicted first) with a short TTL, so a
 * key revoked by another process stops working within the TTL, and one revoked
 * through this process at once (`deleteKey`).
 */
export class KeyCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(hash: string): Principal | undefined {
    const entry = this.#entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(hash);
      return undefined;
    }
    return entry.principal;
  }

  set(hash: string, principal: Principal): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0) return;
    this.#entries.delete(hash);
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(hash, { principal, expiresAt: this.now() + this.ttlMs });
  }

  /** Forgets the key with this name or id (revocation through this process). */
  deleteKey(nameOrId: string): void {
    for (const [hash, entry] of this.#entries) {
      if (entry.principal.name === nameOrId || entry.principal.keyId === nameOrId) {
        this.#entries.delete(hash);
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

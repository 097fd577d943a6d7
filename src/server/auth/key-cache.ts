import type { Principal } from './principal.js';

interface Entry {
  principal: Principal;
  verifiedAt: number;
}

/**
 * Verified keys by hash, bounded (oldest evicted first). An entry is fresh for
 * `ttlMs` (a key revoked by another process stops working within it; one revoked
 * through this process at once, `deleteKey`), and usable for `staleMs` while the
 * store cannot be read: an outage degrades to "keys seen recently keep working",
 * never to "every key works". See ADR 0012.
 */
export class KeyCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly staleMs: number = ttlMs,
  ) {}

  /** The principal verified within the TTL, else undefined. */
  get(hash: string): Principal | undefined {
    const entry = this.#entries.get(hash);
    if (entry === undefined) return undefined;
    return this.now() - entry.verifiedAt < this.ttlMs ? entry.principal : undefined;
  }

  /** The principal verified within the stale window (store outages only), else undefined. */
  getStale(hash: string): Principal | undefined {
    const entry = this.#entries.get(hash);
    if (entry === undefined) return undefined;
    if (this.now() - entry.verifiedAt < Math.max(this.staleMs, this.ttlMs)) return entry.principal;
    this.#entries.delete(hash);
    return undefined;
  }

  set(hash: string, principal: Principal): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0) return;
    this.#entries.delete(hash);
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(hash, { principal, verifiedAt: this.now() });
  }

  /** Forgets one hash (the store said the key is unknown or revoked). */
  delete(hash: string): void {
    this.#entries.delete(hash);
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

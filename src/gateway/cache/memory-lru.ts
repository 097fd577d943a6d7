interface Slot<V> {
  value: V;
  expiresAt: number;
}

/**
 * A bounded LRU with per-entry expiry. A Map keeps insertion order, so re-inserting
 * on read makes the first key the least recently used: O(1) get, set and evict.
 */
export class MemoryLru<V> {
  readonly #slots = new Map<string, Slot<V>>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, now: number): V | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    this.#slots.delete(key);
    if (slot.expiresAt <= now) return undefined;
    this.#slots.set(key, slot);
    return slot.value;
  }

  set(key: string, value: V, expiresAt: number): void {
    this.#slots.delete(key);
    this.#slots.set(key, { value, expiresAt });
    if (this.#slots.size > this.maxEntries) {
      const oldest = this.#slots.keys().next().value;
      if (oldest !== undefined) this.#slots.delete(oldest);
    }
  }

  get size(): number {
    return this.#slots.size;
  }
}

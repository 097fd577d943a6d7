import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Clock } from '../router/attempt.js';
import type { CacheBackend } from './backends.js';

const cachedResponseSchema = z.object({
  text: z.string(),
  finishReason: z.enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']),
  model: z.string(),
  provider: z.string(),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    cachedInputTokens: z.number(),
    estimated: z.boolean(),
  }),
  createdAt: z.number(),
});

export type CachedResponse = z.infer<typeof cachedResponseSchema>;

export type Acquired =
  { hit: CachedResponse } | { settle?: (entry: CachedResponse | null) => void };

export interface ResponseCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Bytes the memory tier may hold (text counted as UTF-16, plus a fixed overhead). */
  maxBytes?: number;
  backend?: CacheBackend;
  clock: Clock;
  /** Called when the persistent tier fails; the cache then degrades to memory only. */
  onBackendError?: (error: unknown) => void;
}

/**
 * Exact-match response cache: a memory LRU in front of an optional persistent tier,
 * plus in-flight dedupe so concurrent identical requests make one upstream call.
 */
export class ResponseCache {
  readonly #memory: LRUCache<string, CachedResponse>;
  readonly #inflight = new Map<string, Promise<CachedResponse | null>>();

  constructor(private readonly options: ResponseCacheOptions) {
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    // lru-cache (issue 10.6): bounded by entries AND bytes; expiry on the injected clock
    this.#memory = new LRUCache<string, CachedResponse>({
      max: options.maxEntries,
      maxSize: maxBytes,
      maxEntrySize: Math.max(1024, Math.floor(maxBytes / 4)),
      sizeCalculation: (entry) => entry.text.length * 2 + 512,
      ttl: options.ttlMs,
      perf: { now: () => options.clock.now() },
      ttlResolution: 0,
    });
  }

  /** Memory first (no await on a hit), then the persistent tier. */
  lookup(key: string): CachedResponse | Promise<CachedResponse | null> | null {
    const hit = this.#memory.get(key);
    if (hit) return hit;
    return this.options.backend ? this.#lookupBackend(key) : null;
  }

  async #lookupBackend(key: string): Promise<CachedResponse | null> {
    try {
      const text = await this.options.backend?.get(key);
      if (!text) return null;
      const parsed = cachedResponseSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      this.#memory.set(key, parsed.data);
      return parsed.data;
    } catch (error) {
      this.options.onBackendError?.(error);
      return null;
    }
  }

  store(key: string, entry: CachedResponse): void {
    this.#memory.set(key, entry);
    this.options.backend
      ?.set(key, JSON.stringify(entry), this.options.ttlMs)
      .catch((error: unknown) => this.options.onBackendError?.(error));
  }

  /**
   * A hit, or this call's right to go upstream (`settle` it with the answer). Leadership
   * is taken before the first await, so concurrent identical requests wait for the leader.
   */
  async acquire(key: string | null): Promise<Acquired> {
    if (!key) return {};
    const memory = this.lookup(key);
    if (memory && !(memory instanceof Promise)) return { hit: memory };
    const inflight = this.#inflight.get(key);
    if (inflight) {
      const entry = await inflight;
      return entry ? { hit: entry } : {};
    }
    const settle = this.lead(key);
    const stored = await memory;
    if (!stored) return { settle };
    settle(stored);
    return { hit: stored };
  }

  /** The in-flight producer for this key, if a leader is already calling upstream. */
  inflight(key: string): Promise<CachedResponse | null> | undefined {
    return this.#inflight.get(key);
  }

  /** Registers this call as the key's leader; followers await `settle`'s value. */
  lead(key: string): (entry: CachedResponse | null) => void {
    let settle!: (entry: CachedResponse | null) => void;
    this.#inflight.set(key, new Promise((resolve) => (settle = resolve)));
    return (entry) => {
      this.#inflight.delete(key);
      if (entry) this.store(key, entry);
      settle(entry);
    };
  }
}

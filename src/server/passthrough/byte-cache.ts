import { createHash } from 'node:crypto';
import { MemoryLru } from '../../gateway/cache/memory-lru.js';
import type { Usage } from '../../gateway/types.js';

/** A cached upstream answer, kept as the exact bytes the upstream sent. */
export interface CachedBytes {
  bytes: Buffer;
  contentType: string;
  usage: Usage | null;
  model: string;
  provider: string;
}

/**
 * Exact-match cache for the byte pass-through: non-streaming, deterministic
 * (temperature 0) requests are answered with the upstream's own bytes. Keyed on the
 * endpoint, the resolved model and the whole client body (tools, response_format and
 * every other field change the answer). In-memory per server process.
 */
export class PassthroughCache {
  readonly #entries: MemoryLru<CachedBytes>;

  constructor(
    private readonly ttlMs: number,
    maxEntries: number,
  ) {
    this.#entries = new MemoryLru(maxEntries);
  }

  static cacheable(body: Record<string, unknown>, stream: boolean): boolean {
    return !stream && body.temperature === 0;
  }

  static keyOf(endpoint: string, model: string, body: Record<string, unknown>): string {
    return createHash('sha256')
      .update(endpoint)
      .update('\0')
      .update(model)
      .update('\0')
      .update(JSON.stringify(body))
      .digest('hex');
  }

  get(key: string): CachedBytes | undefined {
    return this.#entries.get(key, Date.now());
  }

  set(key: string, entry: CachedBytes): void {
    this.#entries.set(key, entry, Date.now() + this.ttlMs);
  }
}

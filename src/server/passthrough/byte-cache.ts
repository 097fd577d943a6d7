import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Usage } from '../../gateway/types.js';

/** A cached answer, kept as the exact bytes the client got. */
export interface CachedBytes {
  bytes: Buffer;
  contentType: string;
  usage: Usage | null;
  model: string;
  provider: string;
}

export interface ByteCacheLimits {
  ttlMs: number;
  maxEntries: number;
  /** Total bytes held (answers and keys); the least recently used go first. */
  maxBytes: number;
}

/** Fixed per-entry overhead counted against maxBytes (key, metadata, object headers). */
const entryOverhead = 512;

export interface KeyParts {
  endpoint: string;
  model: string;
  /** Whose answer this is: one tenant (API key) never reads another's. */
  tenant: string;
  /** Client headers forwarded upstream: each one can change the answer. */
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Exact-match cache for /v1 answers: non-streaming, deterministic (temperature 0)
 * requests are answered with the bytes served before. Keyed on the tenant, the
 * endpoint, the requested model, every forwarded header and the whole client body;
 * bounded by entries AND bytes (lru-cache). In-memory per server process.
 */
export class PassthroughCache {
  readonly #entries: LRUCache<string, CachedBytes>;

  constructor(limits: ByteCacheLimits) {
    this.#entries = new LRUCache<string, CachedBytes>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      // an answer bigger than a quarter of the cache is not worth evicting others for
      maxEntrySize: Math.max(entryOverhead + 1, Math.floor(limits.maxBytes / 4)),
      sizeCalculation: (entry) => entry.bytes.length + entryOverhead,
      ttl: limits.ttlMs,
    });
  }

  static cacheable(body: Record<string, unknown>, stream: boolean): boolean {
    return !stream && body.temperature === 0;
  }

  static keyOf(parts: KeyParts): string {
    const hash = createHash('sha256');
    for (const part of [parts.tenant, parts.endpoint, parts.model]) hash.update(part).update('\0');
    for (const name of Object.keys(parts.headers).sort())
      hash
        .update(name)
        .update('=')
        .update(parts.headers[name] ?? '')
        .update('\0');
    return hash.update(JSON.stringify(parts.body)).digest('hex');
  }

  get(key: string): CachedBytes | undefined {
    return this.#entries.get(key);
  }

  set(key: string, entry: CachedBytes): void {
    this.#entries.set(key, entry);
  }

  /** Bytes held now (for tests and metrics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#entries.calculatedSize };
  }
}

import type { Redis } from 'ioredis';

/** A shared, persistent cache tier behind the in-memory LRU. Values are JSON text. */
export interface CacheBackend {
  readonly name: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface CacheRepoLike {
  get(key: string, now: number): Promise<string | null>;
  set(key: string, value: string, expiresAt: number): Promise<void>;
}

/** Embedded mode: entries persist in the store's cache table (SQLite). */
export function storeCacheBackend(repo: CacheRepoLike, now: () => number = Date.now): CacheBackend {
  return {
    name: 'store',
    get: (key) => repo.get(key, now()),
    set: (key, value, ttlMs) => repo.set(key, value, now() + ttlMs),
  };
}

/** Scale-out mode: entries live in Redis with a native TTL, shared by every server. */
export function redisCacheBackend(redis: Redis, prefix: string): CacheBackend {
  return {
    name: 'redis',
    get: (key) => redis.get(`${prefix}cache:${key}`),
    set: async (key, value, ttlMs) => {
      await redis.set(`${prefix}cache:${key}`, value, 'PX', ttlMs);
    },
  };
}

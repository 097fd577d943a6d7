/** The response cache's persistent table (embedded mode). Values are opaque JSON text. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface CacheRepo {
  /** The value stored under `key`, or null when absent or expired (expires_at <= now). */
  get(key: string, now: number): Promise<string | null>;
  /** Inserts or replaces the entry. */
  set(key: string, value: string, expiresAt: number, createdAt?: number): Promise<void>;
  /** Deletes every entry expired at `now`; returns how many were deleted. */
  deleteExpired(now: number): Promise<number>;
}

export function createCacheRepo(db: Kysely<Database>): CacheRepo {
  return {
    async get(key, now) {
      const row = await db
        .selectFrom('cache_entries')
        .select('value')
        .where('key', '=', key)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.value ?? null;
    },

    async set(key, value, expiresAt, createdAt = Date.now()) {
      await db
        .insertInto('cache_entries')
        .values({ key, value, expires_at: expiresAt, created_at: createdAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value, expires_at: expiresAt, created_at: createdAt }),
        )
        .execute();
    },

    async deleteExpired(now) {
      const result = await db
        .deleteFrom('cache_entries')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

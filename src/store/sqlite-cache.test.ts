import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './store.js';
import { pragmaOps } from './test-support/pragma-ops.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipgate-sqlite-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The page cache of both connections: the event loop's and the writer thread's. */
async function cacheSizes(store: Store): Promise<{ reads: unknown; writer: unknown }> {
  const { rows } = await sql.raw<{ cache_size: number }>('pragma cache_size').execute(store.db);
  const writer = await store.background?.call(pragmaOps, 'pragma', 'cache_size');
  return { reads: rows[0]?.cache_size, writer };
}

describe('SQLite page cache', () => {
  it("is SQLite's 2 MB on both connections by default, not better-sqlite3's 16 MB", async () => {
    const store = await openStore(`sqlite:${join(dir, 'default.db')}`);
    try {
      expect(await cacheSizes(store)).toEqual({ reads: -2048, writer: -2048 });
    } finally {
      await store.close();
    }
  });

  it('follows cacheMb (storage.sqliteCacheMb) on both connections', async () => {
    const store = await openStore(`sqlite:${join(dir, 'sized.db')}`, { cacheMb: 5 });
    try {
      expect(await cacheSizes(store)).toEqual({ reads: -5120, writer: -5120 });
    } finally {
      await store.close();
    }
  });
});

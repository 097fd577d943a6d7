import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../errors.js';
import { sqlitePathFromUrl } from './open-sqlite.js';
import { openStore } from './store.js';
import { nearestRank } from './usage-repo.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipgate-store-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openError(url: string): Promise<ShipgateError> {
  const error: unknown = await openStore(url).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShipgateError);
  return error as ShipgateError;
}

describe('openStore errors', () => {
  it('an unreachable Postgres port is StoreUnavailable naming host:port, without the password', async () => {
    const error = await openError('postgres://me:s3cret@127.0.0.1:1/shipgate');
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).toContain('cannot connect to Postgres at 127.0.0.1:1/shipgate');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('s3cret');
    expect(error.isRetryable).toBe(true);
  });

  it('a sqlite path under a regular file is StoreUnavailable naming the directory', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    for (const path of [join(file, 'shipgate.db'), join(file, 'sub', 'shipgate.db')]) {
      const error = await openError(`sqlite:${path}`);
      expect(error.code).toBe(ErrorCode.StoreUnavailable);
      expect(error.message).toContain(`cannot create directory ${join(dir, 'not-a-dir')}`);
    }
  });

  it('a sqlite path that is a directory is StoreUnavailable', async () => {
    const error = await openError(`sqlite:${dir}`);
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).toContain(`cannot open SQLite database ${dir}`);
  });

  it('a failing migration is StoreUnavailable naming the migration', async () => {
    const path = join(dir, 'conflict.db');
    const raw = new BetterSqlite3(path);
    raw.exec('create table usage (something text)'); // no started_at: the index fails
    raw.close();
    const error = await openError(`sqlite:${path}`);
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).toMatch(/^store migration 0001-initial failed: .*started_at/);
  });

  it('an unknown URL scheme is a configuration error', async () => {
    const error = await openError('mysql://localhost/db');
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
  });
});

describe('openStore sqlite', () => {
  it('opens a file in WAL mode with synchronous=NORMAL; BUSY waits happen off the event loop', async () => {
    const store = await openStore(`sqlite:${join(dir, 'a', 'wal.db')}`, { busyTimeoutMs: 1234 });
    try {
      const pragma = async (name: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('synchronous')).toEqual({ synchronous: 1 });
      // the connection never spins: AsyncBusySqliteDialect retries BUSY asynchronously (1234 ms)
      expect(await pragma('busy_timeout')).toEqual({ timeout: 0 });
    } finally {
      await store.close();
    }
  });

  it('sqlite::memory: works, and ping fails with StoreUnavailable once closed', async () => {
    const store = await openStore('sqlite::memory:');
    expect(store.kind).toBe('sqlite');
    await store.ping();
    await store.cache.set('k', '1', 10, 0);
    expect(await store.cache.get('k', 5)).toBe('1');
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ code: ErrorCode.StoreUnavailable });
  });

  it('parses sqlite URLs', () => {
    expect(sqlitePathFromUrl('sqlite::memory:')).toBe(':memory:');
    expect(sqlitePathFromUrl('sqlite:/var/x.db')).toBe('/var/x.db');
    expect(sqlitePathFromUrl('sqlite:///var/x.db')).toBe('/var/x.db');
  });
});

describe('nearestRank', () => {
  it('is the value at rank ceil(p·n)', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([7], 0.95)).toBe(7);
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(nearestRank([1, 2, 3, 4], 0.95)).toBe(4);
    expect(nearestRank([1, 2, 3, 4], 0)).toBe(1);
  });
});

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { AsyncBusySqliteDialect } from './async-busy-dialect.js';
import { cacheSizePragma } from './sqlite-cache.js';
import type { Database } from './schema.js';
import { describeCause, errorCode, storeUnavailable } from './store-errors.js';

export interface SqliteOptions {
  /** How long a writer waits for another connection's lock (ms). Default 5000. */
  busyTimeoutMs?: number;
  /** Page cache per connection (MB); see sqlite-cache.ts. */
  cacheMb?: number;
}

/**
 * `sqlite::memory:` → ':memory:'; `sqlite:/abs/file.db` or `sqlite:///abs/file.db`
 * → the absolute path (a relative path is resolved against the working directory).
 */
export function sqlitePathFromUrl(url: string): string {
  const rest = url.slice('sqlite:'.length);
  if (rest === ':memory:') return ':memory:';
  const path = rest.startsWith('///') ? rest.slice(2) : rest;
  if (path === '')
    throw storeUnavailable('storage.url "sqlite:" names no file: use sqlite:/abs/path.db');
  return resolve(path);
}

/** Opens (creating its directory) a SQLite file in WAL mode. */
export function openSqlite(url: string, options: SqliteOptions = {}): Kysely<Database> {
  const path = sqlitePathFromUrl(url);
  if (path !== ':memory:') createParentDirectory(path);
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path);
  } catch (error) {
    throw storeUnavailable(`cannot open SQLite database ${path}: ${describeCause(error)}`, error);
  }
  try {
    // BUSY waits happen in AsyncBusySqliteDialect, off the event loop; opening still waits here
    database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(cacheSizePragma(options.cacheMb));
  } catch (error) {
    database.close();
    throw storeUnavailable(
      `cannot configure SQLite database ${path}: ${describeCause(error)}`,
      error,
    );
  }
  database.pragma('busy_timeout = 0');
  return new Kysely<Database>({
    dialect: new AsyncBusySqliteDialect({ database }, options.busyTimeoutMs ?? 5000),
  });
}

function createParentDirectory(path: string): void {
  const directory = dirname(path);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    const code = errorCode(error);
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file is in the way (a part of the path exists and is not a directory)'
        : describeCause(error);
    throw storeUnavailable(
      `cannot create directory ${directory} for the SQLite database: ${why}; ` +
        'fix storage.url or SHIPGATE_HOME, or move that file',
      error,
    );
  }
}

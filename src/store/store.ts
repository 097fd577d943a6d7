/**
 * The store: one interface over an embedded SQLite file and Postgres (Kysely
 * over better-sqlite3 / pg). `openStore` connects, runs pending migrations and
 * returns the repositories. See docs/storage.md.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { ErrorCode, ShipgateError } from '../errors.js';
import { createCacheRepo } from './cache-repo.js';
import type { CacheRepo } from './cache-repo.js';
import { createKeysRepo } from './keys-repo.js';
import type { KeysRepo } from './keys-repo.js';
import { migrateToLatest } from './migrate.js';
import type { PostgresOptions } from './open-postgres.js';
import { openSqlite, sqlitePathFromUrl } from './open-sqlite.js';
import { SqliteWorker, type BackgroundWriter } from './background/sqlite-worker.js';
import type { SqliteOptions } from './open-sqlite.js';
import type { Database, StoreKind } from './schema.js';
import { describeCause, storeUnavailable } from './store-errors.js';
import { createUsageRepo } from './usage-repo.js';
import type { UsageRepo } from './usage-repo.js';

export interface Store {
  readonly kind: StoreKind;
  /** The Kysely instance, for repositories added by later features. */
  readonly db: Kysely<Database>;
  readonly usage: UsageRepo;
  readonly cache: CacheRepo;
  readonly keys: KeysRepo;
  /**
   * SQLite files only: a writer thread with its own connection, for writes that
   * must never block the event loop (usage records, the audit log).
   */
  readonly background?: BackgroundWriter;
  /** Resolves when the database answers a trivial query; throws StoreUnavailable otherwise. */
  ping(): Promise<void>;
  /** Closes the SQLite file or the Postgres pool. Safe to call twice. */
  close(): Promise<void>;
}

export type OpenStoreOptions = SqliteOptions & PostgresOptions;

/** The backend a storage URL selects, or a ConfigInvalid error naming the accepted forms. */
export function storeKindOf(url: string): StoreKind {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new ShipgateError(
    ErrorCode.ConfigInvalid,
    'storage.url must be sqlite:/abs/path.db, sqlite::memory: or postgres://user@host:port/db',
  );
}

/**
 * Opens the store at `url` (`sqlite:/abs/path.db`, `sqlite::memory:`,
 * `postgres://…` / `postgresql://…`) and migrates it to the latest version.
 * Throws ShipgateError(StoreUnavailable) saying what is wrong.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const kind = storeKindOf(url);
  // pg loads only in scale-out mode (it costs ~15 MB of RSS an embedded server never needs)
  const db =
    kind === 'sqlite'
      ? openSqlite(url, options)
      : await (await import('./open-postgres.js')).openPostgres(url, options);
  try {
    await migrateToLatest(db, kind);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return createStore(db, kind, usageWriter(url, kind, options));
}

/** The storage part of a loaded config: where the store is, and how to open it. */
export interface StoreConfig {
  storageUrl: string;
  storage: { sqliteCacheMb: number };
}

/** openStore as the config says: its URL, and its SQLite page cache. */
export function openConfiguredStore(config: StoreConfig): Promise<Store> {
  return openStore(config.storageUrl, { cacheMb: config.storage.sqliteCacheMb });
}

/** A SQLite file's background writer (none for :memory: and Postgres, whose I/O is async). */
function usageWriter(url: string, kind: StoreKind, options: OpenStoreOptions) {
  const path = kind === 'sqlite' ? sqlitePathFromUrl(url) : ':memory:';
  if (path === ':memory:') return undefined;
  return new SqliteWorker({ path, busyTimeoutMs: options.busyTimeoutMs, cacheMb: options.cacheMb });
}

function createStore(db: Kysely<Database>, kind: StoreKind, writer?: SqliteWorker): Store {
  let closed: Promise<void> | undefined;
  return {
    kind,
    db,
    usage: createUsageRepo(db, kind, writer),
    background: writer,
    cache: createCacheRepo(db),
    keys: createKeysRepo(db),
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw storeUnavailable(`the ${kind} store does not answer: ${describeCause(error)}`, error);
      }
    },
    close() {
      closed ??= (writer?.close() ?? Promise.resolve()).then(() => db.destroy());
      return closed;
    },
  };
}

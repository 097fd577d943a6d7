/**
 * SQLite on the main thread without blocking it (issue 9's "a slow or stopped
 * database never slows a call"). better-sqlite3 is synchronous: with
 * `busy_timeout`, a statement that meets a locked database spins inside the call
 * for up to that long and freezes the event loop — every request of the server
 * stalls while, say, the embedded job runner polls a locked file. So the main
 * connection runs with `busy_timeout = 0`, and this dialect retries a statement
 * that failed with SQLITE_BUSY asynchronously, with backoff, for up to the same
 * budget. A statement that failed BUSY had no effect, so retrying it is what
 * SQLite's own busy handler does; the connection stays held by Kysely's mutex
 * meanwhile, so statements keep their order.
 */
import {
  SqliteDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retrying(connection: DatabaseConnection, budgetMs: number): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const started = performance.now();
      for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
        try {
          return await connection.executeQuery<R>(query);
        } catch (error) {
          if (!isBusy(error) || performance.now() - started + wait > budgetMs) throw error;
          await sleep(wait);
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

/** A SqliteDialect whose BUSY waits yield to the event loop (see the module comment). */
export class AsyncBusySqliteDialect extends SqliteDialect {
  readonly #budgetMs: number;

  constructor(config: SqliteDialectConfig, busyBudgetMs: number) {
    super(config);
    this.#budgetMs = busyBudgetMs;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    // Kysely hands our connection back to the driver's transaction and release calls;
    // the driver gets its own connection back for release
    const inners = new WeakMap<DatabaseConnection, DatabaseConnection>();
    return {
      init: () => driver.init(),
      acquireConnection: async () => {
        const inner = await driver.acquireConnection();
        const connection = retrying(inner, this.#budgetMs);
        inners.set(connection, inner);
        return connection;
      },
      // `begin`/`commit`/savepoints run through the retrying connection they are given
      beginTransaction: (c, settings) => driver.beginTransaction(c, settings),
      commitTransaction: (c) => driver.commitTransaction(c),
      rollbackTransaction: (c) => driver.rollbackTransaction(c),
      savepoint: driver.savepoint?.bind(driver),
      rollbackToSavepoint: driver.rollbackToSavepoint?.bind(driver),
      releaseSavepoint: driver.releaseSavepoint?.bind(driver),
      releaseConnection: (c) => driver.releaseConnection(inners.get(c) ?? c),
      destroy: () => driver.destroy(),
    };
  }
}

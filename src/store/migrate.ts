import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { StaticMigrationProvider } from './migrations/index.js';
import type { Database, StoreKind } from './schema.js';
import { describeCause, storeUnavailable } from './store-errors.js';

/**
 * Runs every pending migration (Kysely records them in `kysely_migration`; on
 * Postgres an advisory lock serialises concurrent starts). Throws
 * StoreUnavailable naming the migration that failed.
 */
export async function migrateToLatest(db: Kysely<Database>, kind: StoreKind): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(kind) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error === undefined) {
    return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
  const failed = results.find((r) => r.status === 'Error');
  const what =
    failed === undefined
      ? 'store migrations could not run'
      : `store migration ${failed.migrationName} failed`;
  throw storeUnavailable(`${what}: ${describeCause(error)}`, error);
}

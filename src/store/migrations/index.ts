/**
 * The migration list, as a static object (no folder scan: the compiled `dist/`
 * must work, and bundlers must see every migration). Add `0002-…` here in order;
 * never edit a migration that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { StoreKind } from '../schema.js';
import { initialMigration } from './0001-initial.js';
import { jobsMigration } from './0002-jobs.js';
import { completionsMigration } from './0003-completions.js';
import { analyticsMigration } from './0004-analytics.js';
import { providerBatchCallsMigration } from './0005-provider-batch-calls.js';

export function migrationsFor(kind: StoreKind): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(kind),
    '0002-jobs': jobsMigration(),
    '0003-completions': completionsMigration(),
    '0004-analytics': analyticsMigration(),
    '0005-provider-batch-calls': providerBatchCallsMigration(),
  };
}

export class StaticMigrationProvider implements MigrationProvider {
  readonly #migrations: Record<string, Migration>;

  constructor(kind: StoreKind) {
    this.#migrations = migrationsFor(kind);
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    return this.#migrations;
  }
}

/**
 * 0001: the initial schema. Written once with Kysely's schema builder; the only
 * dialect branch is the audit log's auto-increment key. Every statement uses
 * `ifNotExists` so a run that died half-way (SQLite DDL is not run in one
 * transaction by Kysely) can simply be retried.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../schema.js';

export function initialMigration(kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createUsage(db);
      await createCacheEntries(db);
      await createApiKeys(db);
      await createAuditLog(db, kind);
      await createJobs(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['jobs', 'audit_log', 'api_keys', 'cache_entries', 'usage']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

async function createUsage(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('cache_hit', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'double precision', (c) => c.notNull())
    .addColumn('ttft_ms', 'double precision')
    .addColumn('input_tokens', 'bigint', (c) => c.notNull())
    .addColumn('output_tokens', 'bigint', (c) => c.notNull())
    .addColumn('cached_input_tokens', 'bigint', (c) => c.notNull())
    .addColumn('cost_micros', 'bigint', (c) => c.notNull())
    .addColumn('estimated', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('usage_started_at_idx')
    .ifNotExists()
    .on('usage')
    .column('started_at')
    .execute();
  await db.schema
    .createIndex('usage_caller_started_at_idx')
    .ifNotExists()
    .on('usage')
    .columns(['caller', 'started_at'])
    .execute();
}

async function createCacheEntries(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cache_entries')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cache_entries_expires_at_idx')
    .ifNotExists()
    .on('cache_entries')
    .column('expires_at')
    .execute();
}

async function createApiKeys(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('rpm', 'integer')
    .addColumn('tpm', 'integer')
    .addColumn('budget_micros', 'bigint')
    .addColumn('budget_period', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
}

async function createAuditLog(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  // SQLite: `integer primary key autoincrement` (never reuses a seq);
  // Postgres: a bigint identity column.
  const base =
    kind === 'sqlite'
      ? db.schema
          .createTable('audit_log')
          .ifNotExists()
          .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      : db.schema
          .createTable('audit_log')
          .ifNotExists()
          .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
  await base
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('model', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

async function createJobs(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

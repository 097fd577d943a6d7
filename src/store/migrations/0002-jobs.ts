/**
 * 0002: async jobs (issue 14). The `jobs` table from 0001 gains leases and a
 * fencing token; new tables hold batches, the webhook outbox (written in the same
 * transaction as a job's result), the delivery log and Idempotency-Key records.
 * Columns added with ALTER TABLE carry defaults so existing rows stay valid.
 */
import type { Kysely, Migration } from 'kysely';

const jobColumns: [string, 'text' | 'integer' | 'bigint', number | null][] = [
  ['owner_id', 'text', null],
  ['owner_name', 'text', null],
  ['fence', 'integer', 0],
  ['max_attempts', 'integer', 3],
  ['lease_until', 'bigint', null],
  ['lease_owner', 'text', null],
  ['run_after', 'bigint', 0],
  ['started_at', 'bigint', null],
  ['finished_at', 'bigint', null],
  ['batch_id', 'text', null],
  ['webhook_url', 'text', null],
];

export function jobsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [name, type, fallback] of jobColumns) {
        await db.schema
          .alterTable('jobs')
          .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
          .execute();
      }
      await db.schema
        .createIndex('jobs_state_run_after_idx')
        .ifNotExists()
        .on('jobs')
        .columns(['state', 'run_after', 'created_at'])
        .execute();
      await db.schema
        .createIndex('jobs_batch_idx')
        .ifNotExists()
        .on('jobs')
        .column('batch_id')
        .execute();
      await createBatches(db);
      await createOutbox(db);
      await createDeliveries(db);
      await createIdempotency(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'idempotency_keys',
        'webhook_deliveries',
        'webhook_outbox',
        'job_batches',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
      await db.schema.dropIndex('jobs_batch_idx').ifExists().execute();
      await db.schema.dropIndex('jobs_state_run_after_idx').ifExists().execute();
      for (const [name] of jobColumns)
        await db.schema.alterTable('jobs').dropColumn(name).execute();
    },
  };
}

async function createBatches(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_batches')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

async function createOutbox(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_outbox')
    .ifNotExists()
    // the webhook-id: one per event and endpoint, the same across retries
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_outbox_due_idx')
    .ifNotExists()
    .on('webhook_outbox')
    .columns(['state', 'next_at'])
    .execute();
  await db.schema
    .createIndex('webhook_outbox_job_idx')
    .ifNotExists()
    .on('webhook_outbox')
    .column('job_id')
    .execute();
}

async function createDeliveries(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_deliveries')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_job_idx')
    .ifNotExists()
    .on('webhook_deliveries')
    .columns(['job_id', 'at'])
    .execute();
}

async function createIdempotency(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .ifNotExists()
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_expires_idx')
    .ifNotExists()
    .on('idempotency_keys')
    .column('expires_at')
    .execute();
}

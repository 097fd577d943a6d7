/**
 * 0005: the provider batch each waiting job call went into (issue 14, ADR 0032). A
 * worker killed while its call waits in an OpenAI or Anthropic batch leaves the row
 * behind; the job's next attempt finds it and follows that batch instead of paying
 * for a second one.
 */
import type { Kysely, Migration } from 'kysely';

export function providerBatchCallsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('provider_batch_calls')
        .ifNotExists()
        .addColumn('job_id', 'text', (c) => c.notNull())
        // sha-256 of the provider, the model id and the request: what the call asked
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('custom_id', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('provider_batch_calls_pk', ['job_id', 'request_hash'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('provider_batch_calls').ifExists().execute();
    },
  };
}

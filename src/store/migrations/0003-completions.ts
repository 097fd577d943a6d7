/**
 * 0003: editor completions (issue 13): one row per completion served and one per
 * editor event about it (shown, accepted, dismissed), for acceptance rates per
 * model and language. Same style as 0001: `ifNotExists` everywhere.
 */
import type { Kysely, Migration } from 'kysely';

export function completionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('completions')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('caller', 'text', (c) => c.notNull())
        .addColumn('chars', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('completions_created_at_idx')
        .ifNotExists()
        .on('completions')
        .column('created_at')
        .execute();
      await db.schema
        .createTable('completion_events')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('completion_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('accepted_chars', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('completion_events_completion_idx')
        .ifNotExists()
        .on('completion_events')
        .columns(['completion_id', 'event'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['completion_events', 'completions']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

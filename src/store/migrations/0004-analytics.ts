/**
 * 0004: what analytics needs beyond usage rows (issue 15): one row per generate
 * run (template, first-try and final verdicts, the hallucination proxy, cost) and
 * one row per gate run (pass rate per gate). Same style as 0001: `ifNotExists`
 * everywhere so a half-applied SQLite run can be retried.
 */
import type { Kysely, Migration } from 'kysely';

export function analyticsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createGenerateRuns(db);
      await createGateResults(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['gate_results', 'generate_runs']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

async function createGenerateRuns(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('generate_runs')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('template_version', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('first_try_passed', 'integer', (c) => c.notNull())
    .addColumn('hallucinated', 'integer', (c) => c.notNull())
    .addColumn('cost_micros', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('generate_runs_at_idx')
    .ifNotExists()
    .on('generate_runs')
    .column('at')
    .execute();
}

async function createGateResults(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gate_results')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('gate', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gate_results_at_idx')
    .ifNotExists()
    .on('gate_results')
    .column('at')
    .execute();
}

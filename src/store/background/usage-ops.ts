/**
 * SqliteWorker ops for usage records: one transaction and one prepared statement per
 * batch. Rows arrive as arrays of values in `usageColumns` order: a structured clone
 * of an object writes every key's name again, and binding by name looks each one up.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { NewUsageRow } from '../schema.js';

export const usageColumns = [
  'id',
  'started_at',
  'provider',
  'model',
  'task',
  'caller',
  'attempts',
  'cache_hit',
  'status',
  'latency_ms',
  'ttft_ms',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cost_micros',
  'estimated',
] as const satisfies readonly (keyof NewUsageRow)[];

/** A usage row's values, in `usageColumns` order. */
export type UsageRowValues = NewUsageRow[(typeof usageColumns)[number]][];

export function usageRowValues(row: NewUsageRow): UsageRowValues {
  return usageColumns.map((column) => row[column]);
}

const insertSql =
  `insert into usage (${usageColumns.join(', ')}) values (${usageColumns.map(() => '?').join(', ')}) ` +
  'on conflict (id) do nothing';

export function createOps(db: BetterSqlite3.Database) {
  // Prepared on first use (the table may not exist yet when the worker starts).
  let insert: BetterSqlite3.Statement | null = null;
  const insertAll = db.transaction((rows: UsageRowValues[]) => {
    insert ??= db.prepare(insertSql);
    for (const values of rows) insert.run(values);
  });
  return {
    'usage.insert': (rows: unknown) => insertAll.immediate(rows as UsageRowValues[]),
  };
}

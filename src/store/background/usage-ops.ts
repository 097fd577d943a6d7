/** SqliteWorker ops for usage records: one transaction and one prepared statement per batch. */
import type BetterSqlite3 from 'better-sqlite3';
import type { NewUsageRow } from '../schema.js';

const columns = [
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

const insertSql =
  `insert into usage (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')}) ` +
  'on conflict (id) do nothing';

export function createOps(db: BetterSqlite3.Database) {
  // Prepared on first use (the table may not exist yet when the worker starts).
  let insert: BetterSqlite3.Statement | null = null;
  const insertAll = db.transaction((rows: NewUsageRow[]) => {
    insert ??= db.prepare(insertSql);
    for (const row of rows) insert.run(row);
  });
  return {
    'usage.insert': (rows: unknown) => insertAll.immediate(rows as NewUsageRow[]),
  };
}

/**
 * SqliteWorker ops for the completion log (SQLite files): inserts run on the
 * store's writer thread, so a database busy with usage or audit writes never
 * blocks the event loop on the completion hot path (same pattern as audit-ops.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface ServedRow {
  id: string;
  created_at: number;
  model: string;
  language: string;
  caller: string;
  chars: number;
}

export interface EventRow {
  id: string;
  completion_id: string;
  event: string;
  accepted_chars: number | null;
  created_at: number;
}

export function createOps(db: BetterSqlite3.Database) {
  let served: BetterSqlite3.Statement | null = null;
  let event: BetterSqlite3.Statement | null = null;
  return {
    'completions.served': (row: unknown) => {
      served ??= db.prepare(
        'insert into completions (id, created_at, model, language, caller, chars) ' +
          'values (@id, @created_at, @model, @language, @caller, @chars)',
      );
      served.run(row as ServedRow);
    },
    'completions.event': (row: unknown) => {
      event ??= db.prepare(
        'insert into completion_events (id, completion_id, event, accepted_chars, created_at) ' +
          'values (@id, @completion_id, @event, @accepted_chars, @created_at)',
      );
      event.run(row as EventRow);
    },
  };
}

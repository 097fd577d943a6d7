/**
 * SqliteWorker ops for the audit log (SQLite files): the chain hashes and the insert
 * run on the writer thread, in one `BEGIN IMMEDIATE` transaction per batch that holds
 * the database write lock, so appends from several processes never fork the chain
 * (same rule as append-rows.ts). Each row's detail arrives as its canonical JSON.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { chain, type UnsequencedRow } from './audit-chain.js';

/** An entry as the audit log hands it over: `detail` is its canonical JSON text. */
export type AuditWriteRow = UnsequencedRow;

// positional parameters: binding by name looks each one up, per row
const insertSql =
  'insert into audit_log (seq, at, actor, action, route, model, detail, prev_hash, hash) ' +
  'values (?, ?, ?, ?, ?, ?, ?, ?, ?)';

export function createOps(db: BetterSqlite3.Database) {
  // Prepared on first use (the table may not exist yet, or may be renamed away and back).
  let statements: { last: BetterSqlite3.Statement; insert: BetterSqlite3.Statement } | null = null;
  const append = db.transaction((rows: AuditWriteRow[]) => {
    statements ??= {
      last: db.prepare('select seq, hash from audit_log order by seq desc limit 1'),
      insert: db.prepare(insertSql),
    };
    const last = statements.last.get() as { seq: number; hash: string } | undefined;
    const insert = statements.insert;
    for (const r of chain(rows, last))
      insert.run(r.seq, r.at, r.actor, r.action, r.route, r.model, r.detail, r.prev_hash, r.hash);
  });
  return {
    'audit.append': (rows: unknown) => {
      try {
        append.immediate(rows as AuditWriteRow[]);
      } catch (error) {
        statements = null; // a schema change invalidates them; prepare again next time
        throw error;
      }
    },
  };
}

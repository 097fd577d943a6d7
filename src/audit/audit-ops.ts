/**
 * SqliteWorker ops for the audit log (SQLite files): the entries' canonical JSON,
 * the chain hashes and the insert all run on the writer thread, in one
 * `BEGIN IMMEDIATE` transaction per batch that holds the database write lock, so
 * appends from several processes never fork the chain (same rule as append-rows.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { chain, type UnsequencedRow } from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';

/** An entry as the audit log hands it over: `detail` still an object. */
export interface AuditWriteRow extends Omit<UnsequencedRow, 'detail'> {
  detail: Record<string, unknown>;
}

const insertSql =
  'insert into audit_log (seq, at, actor, action, route, model, detail, prev_hash, hash) ' +
  'values (@seq, @at, @actor, @action, @route, @model, @detail, @prev_hash, @hash)';

export function createOps(db: BetterSqlite3.Database) {
  // Prepared on first use (the table may not exist yet, or may be renamed away and back).
  let statements: { last: BetterSqlite3.Statement; insert: BetterSqlite3.Statement } | null = null;
  const append = db.transaction((rows: AuditWriteRow[]) => {
    statements ??= {
      last: db.prepare('select seq, hash from audit_log order by seq desc limit 1'),
      insert: db.prepare(insertSql),
    };
    const last = statements.last.get() as { seq: number; hash: string } | undefined;
    const unsequenced = rows.map((row) => ({ ...row, detail: canonicalJson(row.detail) }));
    for (const row of chain(unsequenced, last)) statements.insert.run(row);
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

/**
 * Appends rows to the chain in one transaction that holds the chain's write
 * lock, so appends from several processes never fork it: SQLite takes the
 * database write lock up front (`BEGIN IMMEDIATE`, waiting up to busy_timeout);
 * Postgres takes a transaction-scoped advisory lock. Inside the lock the last
 * row is read and the new rows get the next seqs and chained hashes.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, StoreKind } from '../store/schema.js';
import { chain, type UnsequencedRow } from './audit-chain.js';

/** An arbitrary constant naming the audit chain's Postgres advisory lock. */
export const AUDIT_LOCK_KEY = 5_716_301_742;

export type { UnsequencedRow } from './audit-chain.js';

export async function appendRows(
  db: Kysely<Database>,
  kind: StoreKind,
  rows: readonly UnsequencedRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.connection().execute(async (conn) => {
    await sql.raw(kind === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (kind === 'postgres')
        await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(conn);
      const last = await conn
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      await conn.insertInto('audit_log').values(chain(rows, last)).execute();
      await sql.raw('commit').execute(conn);
    } catch (error) {
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => undefined);
      throw error;
    }
  });
}

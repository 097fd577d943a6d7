/** Walks the audit chain in seq order, page by page, and reports the first broken row. */
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../store/schema.js';
import { GENESIS_HASH, rowHash } from './audit-chain.js';

export interface VerifyResult {
  ok: boolean;
  /** Rows checked (up to and including the first bad one). */
  checked: number;
  firstBadSeq?: number;
  reason?: string;
  /** The last good row's seq and hash: record it elsewhere to detect truncation later. */
  headSeq?: number;
  headHash?: string;
}

const PAGE = 1000;

export async function verifyChain(db: Kysely<Database>): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq: number | null = null;
  let checked = 0;
  for (;;) {
    let query = db.selectFrom('audit_log').selectAll().orderBy('seq').limit(PAGE);
    if (prevSeq !== null) query = query.where('seq', '>', prevSeq);
    const rows = await query.execute();
    for (const row of rows) {
      checked += 1;
      const seq = Number(row.seq);
      const reason = problemOf(row, seq, prevHash, prevSeq);
      if (reason !== null) {
        return { ok: false, checked, firstBadSeq: seq, reason, ...head(prevSeq, prevHash) };
      }
      prevHash = row.hash;
      prevSeq = seq;
    }
    if (rows.length < PAGE) return { ok: true, checked, ...head(prevSeq, prevHash) };
  }
}

function problemOf(
  row: Omit<Selectable<AuditLogTable>, 'seq'>,
  seq: number,
  prevHash: string,
  prevSeq: number | null,
): string | null {
  const where = prevSeq === null ? 'the start of the log' : `row ${prevSeq}`;
  if (row.prev_hash !== prevHash) {
    return `row ${seq}'s prev_hash does not match the hash of ${where}: a row was removed, inserted or rewritten`;
  }
  if (prevSeq !== null && seq !== prevSeq + 1) {
    return `row ${seq} follows row ${prevSeq}: the rows between them are missing`;
  }
  const { actor, action, route, model, detail } = row;
  const expected = rowHash(prevHash, {
    seq,
    at: Number(row.at),
    actor,
    action,
    route,
    model,
    detail,
  });
  if (expected !== row.hash)
    return `row ${seq}'s content does not match its hash: it was changed after it was written`;
  return null;
}

function head(seq: number | null, hash: string): Pick<VerifyResult, 'headSeq' | 'headHash'> {
  return seq === null ? {} : { headSeq: seq, headHash: hash };
}

/**
 * The audit hash chain: each row's `hash` is sha256(prev_hash + canonical JSON
 * of the row's content), and `prev_hash` is the previous row's `hash` (64 zeros
 * for the first row). Changing, removing or inserting a row breaks the chain
 * from that row on; `verify` names the first broken row.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed columns of an audit row (`detail` is its stored JSON text, verbatim). */
export interface AuditRowContent {
  seq: number;
  at: number;
  actor: string;
  action: string;
  route: string | null;
  model: string | null;
  detail: string;
}

export function rowHash(prevHash: string, row: AuditRowContent): string {
  const content = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    route: row.route,
    model: row.model,
    detail: row.detail,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

/** An audit row before it gets its place in the chain. */
export type UnsequencedRow = Omit<AuditRowContent, 'seq'>;

/** The rows with their seqs and chained hashes, continuing after `last`. */
export function chain(
  rows: readonly UnsequencedRow[],
  last: { seq: number; hash: string } | undefined,
): (AuditRowContent & { prev_hash: string; hash: string })[] {
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  return rows.map((row) => {
    seq += 1;
    const hash = rowHash(prevHash, { ...row, seq });
    const out = { ...row, seq, prev_hash: prevHash, hash };
    prevHash = hash;
    return out;
  });
}

/**
 * The audit hash chain: each row's `hash` is sha256(prev_hash + canonical JSON
 * of the row's content), and `prev_hash` is the previous row's `hash` (64 zeros
 * for the first row). Changing, removing or inserting a row breaks the chain
 * from that row on; `verify` names the first broken row.
 */
import { hash } from 'node:crypto';
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

const isTextOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

/**
 * `canonicalJson` of the row's content. The shape is fixed, so the usual case is
 * written out in canonical key order (action, actor, at, detail, model, route, seq);
 * a value of another type than declared takes the general path, which has the
 * same output by definition (audit-chain.test.ts checks the two agree).
 */
export function rowContentJson(row: AuditRowContent): string {
  const { seq, at, actor, action, route, model, detail } = row;
  const plain =
    typeof action === 'string' &&
    typeof actor === 'string' &&
    typeof detail === 'string' &&
    isTextOrNull(model) &&
    isTextOrNull(route) &&
    Number.isFinite(at) &&
    Number.isFinite(seq);
  if (!plain) return canonicalJson({ seq, at, actor, action, route, model, detail });
  const text = JSON.stringify;
  return (
    `{"action":${text(action)},"actor":${text(actor)},"at":${text(at)},` +
    `"detail":${text(detail)},"model":${text(model)},"route":${text(route)},"seq":${text(seq)}}`
  );
}

export function rowHash(prevHash: string, row: AuditRowContent): string {
  // one-shot: the same bytes as update(prevHash).update(content); prevHash is hex
  return hash('sha256', prevHash + rowContentJson(row), 'hex');
}

/** An audit row before it gets its place in the chain. */
export type UnsequencedRow = Omit<AuditRowContent, 'seq'>;

export type ChainedRow = AuditRowContent & { prev_hash: string; hash: string };

/** The rows with their seqs and chained hashes, continuing after `last`. */
export function chain(
  rows: readonly UnsequencedRow[],
  last: { seq: number; hash: string } | undefined,
): ChainedRow[] {
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  return rows.map((row) => {
    seq += 1;
    const { at, actor, action, route, model, detail } = row;
    const hash = rowHash(prevHash, { seq, at, actor, action, route, model, detail });
    // written out, not `{ ...content, prev_hash, hash }`: see ADR 0046
    const out = { seq, at, actor, action, route, model, detail, prev_hash: prevHash, hash };
    prevHash = hash;
    return out;
  });
}

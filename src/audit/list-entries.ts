import type { Kysely } from 'kysely';
import type { AuditLogRow, Database } from '../store/schema.js';
import type { JsonValue } from './canonical-json.js';
import type { AuditEntry, AuditQuery } from './audit-entry.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Matching entries, newest first. */
export async function listEntries(db: Kysely<Database>, query: AuditQuery): Promise<AuditEntry[]> {
  let qb = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc');
  if (query.since !== undefined) qb = qb.where('at', '>=', query.since);
  if (query.actor !== undefined) qb = qb.where('actor', '=', query.actor);
  if (query.action !== undefined) qb = qb.where('action', '=', query.action);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
  const rows = await qb.limit(limit).execute();
  return rows.map(toEntry);
}

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    route: row.route,
    model: row.model,
    detail: parseDetail(row.detail),
    hash: row.hash,
  };
}

/** The stored detail (written by us as canonical JSON); a tampered non-object reads as {}. */
function parseDetail(text: string): Record<string, JsonValue> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, JsonValue>)
      : {};
  } catch {
    return {};
  }
}

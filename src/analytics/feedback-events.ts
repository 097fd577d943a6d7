/**
 * Completion feedback events (`POST /api/feedback`: shown / accepted / dismissed)
 * for acceptance rates. Read from the `completion_events` table when the store has
 * it (store migration 0003), else from the audit log's `feedback` entries (where
 * the server records feedback without that table). Both are read with plain SQL so
 * this module does not depend on the completions service.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../store/schema.js';
import type { Period } from './analytics-repo.js';

export interface FeedbackEvent {
  id: string;
  event: string;
}

export interface FeedbackEvents {
  source: 'completion_events' | 'audit_log';
  events: FeedbackEvent[];
}

const decisionsSchema = z.object({
  decisions: z.object({ id: z.string(), event: z.string() }),
});

async function fromCompletionEvents(db: Kysely<Database>, p: Period): Promise<FeedbackEvent[]> {
  const result = await sql<{ completion_id: string; event: string }>`
    select completion_id, event from completion_events
    where created_at >= ${p.since} and created_at < ${p.until}`.execute(db);
  return result.rows.map((r) => ({ id: r.completion_id, event: r.event }));
}

async function fromAuditLog(db: Kysely<Database>, p: Period): Promise<FeedbackEvent[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'feedback')
    .where('at', '>=', p.since)
    .where('at', '<', p.until)
    .execute();
  const events: FeedbackEvent[] = [];
  for (const row of rows) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.detail);
    } catch {
      continue;
    }
    const ok = decisionsSchema.safeParse(parsed);
    if (ok.success) events.push(ok.data.decisions);
  }
  return events;
}

async function hasCompletionEvents(db: Kysely<Database>): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === 'completion_events');
}

export async function readFeedback(db: Kysely<Database>, period: Period): Promise<FeedbackEvents> {
  if (await hasCompletionEvents(db))
    return { source: 'completion_events', events: await fromCompletionEvents(db, period) };
  return { source: 'audit_log', events: await fromAuditLog(db, period) };
}

export interface Acceptance {
  shown: number;
  accepted: number;
  dismissed: number;
  /** accepted ÷ shown (distinct completion ids); null when nothing was shown. */
  rate: number | null;
}

/** Counts distinct completion ids per event; an accepted id counts as shown. */
export function acceptanceOf(events: readonly FeedbackEvent[]): Acceptance {
  const ids = {
    shown: new Set<string>(),
    accepted: new Set<string>(),
    dismissed: new Set<string>(),
  };
  for (const e of events) {
    if (e.event === 'shown' || e.event === 'accepted' || e.event === 'dismissed')
      ids[e.event].add(e.id);
  }
  for (const id of ids.accepted) ids.shown.add(id);
  for (const id of ids.dismissed) ids.shown.add(id);
  const shown = ids.shown.size;
  return {
    shown,
    accepted: ids.accepted.size,
    dismissed: ids.dismissed.size,
    rate: shown === 0 ? null : ids.accepted.size / shown,
  };
}

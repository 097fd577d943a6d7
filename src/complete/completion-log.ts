/**
 * Completions served and the editor's events about them, in the store (tables of
 * migration 0003), and the acceptance rates `shipgate usage` shows. Rows are
 * written off the request path; a store error is reported, never thrown at the editor.
 */
import { timeOrderedUuid } from '../lib/time-ordered-id.js';
import { sql, type Kysely } from 'kysely';
import { siblingModule } from '../lib/module-worker.js';
import type { Store } from '../store/store.js';
import type { EventRow, ServedRow } from './completion-ops.js';

const ops = siblingModule(import.meta.url, 'completion-ops');

export const feedbackEvents = ['shown', 'accepted', 'dismissed'] as const;
export type FeedbackEvent = (typeof feedbackEvents)[number];

type CompletionsTable = {
  id: string;
  created_at: number;
  model: string;
  language: string;
  caller: string;
  chars: number;
};

type CompletionEventsTable = {
  id: string;
  completion_id: string;
  event: string;
  accepted_chars: number | null;
  created_at: number;
};

type Tables = {
  completions: CompletionsTable;
  completion_events: CompletionEventsTable;
};

export interface ServedCompletion {
  id: string;
  model: string;
  language: string;
  caller: string;
  chars: number;
  at: number;
}

export interface AcceptanceRow {
  model: string;
  language: string;
  served: number;
  shown: number;
  accepted: number;
  dismissed: number;
  acceptedChars: number;
  /** accepted ÷ shown, or null when nothing was shown. */
  acceptanceRate: number | null;
}

export interface CompletionLog {
  recordServed(row: ServedCompletion): Promise<void>;
  exists(id: string): Promise<boolean>;
  recordEvent(id: string, event: FeedbackEvent, acceptedChars: number | null): Promise<void>;
  acceptance(since: number): Promise<AcceptanceRow[]>;
}

function num(value: unknown): number {
  return Number(value ?? 0);
}

export function createCompletionLog(store: Pick<Store, 'db' | 'background'>): CompletionLog {
  const db = store.db.withTables<Tables>() as unknown as Kysely<Tables>;
  const background = store.background;
  const insertServed = (row: ServedRow): Promise<void> =>
    background
      ? background.call(ops, 'completions.served', row)
      : db
          .insertInto('completions')
          .values(row)
          .execute()
          .then(() => undefined);
  const insertEvent = (row: EventRow): Promise<void> =>
    background
      ? background.call(ops, 'completions.event', row)
      : db
          .insertInto('completion_events')
          .values(row)
          .execute()
          .then(() => undefined);
  return {
    recordServed(row) {
      const { id, model, language, caller, chars } = row;
      return insertServed({ id, created_at: row.at, model, language, caller, chars });
    },
    async exists(id) {
      const found = await db.selectFrom('completions').select('id').where('id', '=', id).execute();
      return found.length > 0;
    },
    recordEvent(id, event, acceptedChars) {
      return insertEvent({
        id: timeOrderedUuid(),
        completion_id: id,
        event,
        accepted_chars: acceptedChars,
        created_at: Date.now(),
      });
    },
    async acceptance(since) {
      const rows = await db
        .selectFrom('completions as c')
        .leftJoin('completion_events as e', 'e.completion_id', 'c.id')
        .select([
          'c.model as model',
          'c.language as language',
          sql<number>`count(distinct c.id)`.as('served'),
          sql<number>`count(distinct e.completion_id)`.as('shown'),
          sql<number>`count(distinct case when e.event = 'accepted' then c.id end)`.as('accepted'),
          sql<number>`count(distinct case when e.event = 'dismissed' then c.id end)`.as(
            'dismissed',
          ),
          sql<number>`coalesce(sum(case when e.event = 'accepted' then e.accepted_chars end), 0)`.as(
            'acceptedChars',
          ),
        ])
        .where('c.created_at', '>=', since)
        .groupBy(['c.model', 'c.language'])
        .orderBy('c.model')
        .orderBy('c.language')
        .execute();
      return rows.map((r) => {
        const shown = num(r.shown);
        const accepted = num(r.accepted);
        return {
          model: r.model,
          language: r.language,
          served: num(r.served),
          shown,
          accepted,
          dismissed: num(r.dismissed),
          acceptedChars: num(r.acceptedChars),
          acceptanceRate: shown === 0 ? null : accepted / shown,
        };
      });
    },
  };
}

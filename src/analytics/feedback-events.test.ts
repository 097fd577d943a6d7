import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/audit-log.js';
import { openStore } from '../store/store.js';
import { acceptanceOf, readFeedback } from './feedback-events.js';

const home = mkdtempSync(join(tmpdir(), 'shipgate-feedback-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const period = { since: 0, until: Date.now() + 60_000 };

describe('completion acceptance from feedback events', () => {
  it('counts distinct ids; an accepted or dismissed id was shown', () => {
    const a = acceptanceOf([
      { id: 'a', event: 'shown' },
      { id: 'a', event: 'shown' },
      { id: 'a', event: 'accepted' },
      { id: 'b', event: 'shown' },
      { id: 'b', event: 'dismissed' },
      { id: 'c', event: 'accepted' },
      { id: 'd', event: 'shown' },
      { id: 'e', event: 'bogus' },
    ]);
    expect(a).toEqual({ shown: 4, accepted: 2, dismissed: 1, rate: 0.5 });
    expect(acceptanceOf([]).rate).toBeNull();
  });

  it('reads the audit log when the store has no completion_events table, else the table', async () => {
    const store = await openStore(`sqlite:${join(home, 'a.db')}`);
    try {
      await sql`drop table if exists completion_events`.execute(store.db);
      const audit = createAuditLog({ store, includePrompts: false });
      audit.append({ actor: 'k', action: 'feedback', decisions: { id: 'x', event: 'shown' } });
      audit.append({ actor: 'k', action: 'feedback', decisions: { id: 'x', event: 'accepted' } });
      audit.append({ actor: 'k', action: 'generate', decisions: { id: 'y', event: 'accepted' } });
      await audit.close();
      expect(await readFeedback(store.db, period)).toEqual({
        source: 'audit_log',
        events: [
          { id: 'x', event: 'shown' },
          { id: 'x', event: 'accepted' },
        ],
      });
      await sql`create table completion_events (id text primary key, completion_id text not null,
        event text not null, accepted_chars integer, created_at bigint not null)`.execute(store.db);
      await sql`insert into completion_events values ('1', 'c1', 'shown', null, ${Date.now()}),
        ('2', 'c1', 'accepted', 5, ${Date.now()}), ('3', 'c2', 'shown', null, 0)`.execute(store.db);
      const fromTable = await readFeedback(store.db, { since: 1, until: period.until });
      expect(fromTable.source).toBe('completion_events');
      expect(acceptanceOf(fromTable.events)).toEqual({
        shown: 1,
        accepted: 1,
        dismissed: 0,
        rate: 1,
      });
    } finally {
      await store.close();
    }
  });
});

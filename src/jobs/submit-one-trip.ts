/**
 * A new job with an Idempotency-Key in one Postgres round trip (issue 14: enqueue
 * p95 ≤ 5 ms). The usual path is a transaction of five statements (begin, key
 * insert, job insert, key completion, commit). Here the job id — and so the answer —
 * is known before the database is asked, so one statement records the key as done
 * with its answer and inserts the job only if the key was new. When the key exists
 * (a replay, a request in progress, another body, an expired key) nothing is
 * written and the caller takes the usual path, which says which. It runs as a prepared
 * statement (parsed and planned once per connection).
 */
import { sql } from 'kysely';
import { preparedAs } from '../store/prepared-statements.js';
import type { IdempotencyScope } from './idempotency.js';
import type { Db } from './jobs-repo.js';
import { newJobRow } from './jobs-repo.js';
import type { NewJob } from './job-types.js';

export async function submitOneTrip(
  db: Db,
  id: IdempotencyScope,
  job: NewJob,
  at: { now: number; ttlMs: number },
): Promise<{ jobId: string } | null> {
  const row = { ...newJobRow(job, at.now), fence: 0 };
  const answer = JSON.stringify({ jobId: row.id });
  const inserted = await sql<{ id: string }>`${sql.raw(preparedAs('submit-one-trip'))}
    with idem as (
      insert into idempotency_keys
        (scope, key, body_hash, state, status_code, response, created_at, expires_at)
      values
        (${id.scope}, ${id.key}, ${id.bodyHash}, 'done', 202, ${answer}, ${at.now}, ${at.now + at.ttlMs})
      on conflict (scope, key) do nothing
      returning key
    )
    insert into jobs
    select * from json_populate_record(null::jobs, ${JSON.stringify(row)}::json)
    where exists (select 1 from idem)
    returning id`.execute(db);
  return inserted.rows.length === 1 ? { jobId: row.id } : null;
}

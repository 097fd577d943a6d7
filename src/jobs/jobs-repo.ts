/**
 * The job records (SQLite or Postgres, through Kysely). Every attempt claims the
 * row and bumps its fencing token; `finish`, `release` and `renewLease` only touch
 * a row still running under that token, so a late attempt (a worker that was
 * presumed dead, a cancelled job) can never overwrite a result. The result and its
 * webhook outbox rows commit in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Insertable } from 'kysely';
import type { Database, JobRow, StoreKind, WebhookOutboxTable } from '../store/schema.js';
import { claimOf, type Claim, type NewJob, type Outcome } from './job-types.js';

export type Db = Kysely<Database>;
export type OutboxRow = Insertable<WebhookOutboxTable>;

export interface ListQuery {
  state?: string;
  ownerId?: string;
  batchId?: string;
  limit?: number;
}

export function newJobId(): string {
  return `job_${randomUUID().replaceAll('-', '')}`;
}

/** The row `insertJob` writes (fence 0, not yet run). */
export function newJobRow(job: NewJob, now: number, id = newJobId()) {
  return {
    id,
    kind: job.kind,
    state: 'queued',
    idempotency_key: null,
    payload: JSON.stringify(job.payload),
    result: null,
    error: null,
    attempts: 0,
    created_at: now,
    updated_at: now,
    owner_id: job.owner.id,
    owner_name: job.owner.name,
    max_attempts: job.maxAttempts,
    lease_until: null,
    lease_owner: null,
    run_after: 0,
    started_at: null,
    finished_at: null,
    batch_id: job.batchId ?? null,
    webhook_url: job.webhookUrl ?? null,
  };
}

export async function insertJob(
  db: Db,
  job: NewJob,
  now: number,
  id = newJobId(),
): Promise<JobRow> {
  const row = newJobRow(job, now, id);
  await db.insertInto('jobs').values(row).execute();
  return { ...row, fence: 0, run_after: 0, max_attempts: job.maxAttempts };
}

export async function getJob(db: Db, id: string): Promise<JobRow | null> {
  return (await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listJobs(db: Db, query: ListQuery = {}): Promise<JobRow[]> {
  let q = db.selectFrom('jobs').selectAll();
  if (query.state) q = q.where('state', '=', query.state);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  if (query.batchId) q = q.where('batch_id', '=', query.batchId);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(query.limit ?? 50)
    .execute();
}

interface Lease {
  owner: string;
  leaseMs: number;
  now: number;
}

function claimSet(lease: Lease) {
  return {
    state: 'running',
    fence: sql<number>`fence + 1`,
    attempts: sql<number>`attempts + 1`,
    lease_owner: lease.owner,
    lease_until: lease.now + lease.leaseMs,
    started_at: sql<number>`coalesce(started_at, ${lease.now})`,
    updated_at: lease.now,
  };
}

/** Claims the oldest due queued job (embedded runner); null when none is due. */
export async function claimNext(db: Db, kind: StoreKind, lease: Lease): Promise<Claim | null> {
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'queued')
    .where('run_after', '<=', lease.now)
    .orderBy('created_at')
    .limit(1);
  if (kind === 'postgres') {
    const row = await db
      .updateTable('jobs')
      .set(claimSet(lease))
      .where('id', '=', due.forUpdate().skipLocked())
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? claimOf(row) : null;
  }
  // SQLite: read first (reads never wait on a writer in WAL), write only when a job is
  // due, so an idle runner's polls never hold the one connection against a locked file
  const next = await due.executeTakeFirst();
  if (!next) return null;
  const row = await db
    .updateTable('jobs')
    .set(claimSet(lease))
    .where('id', '=', next.id)
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row ? claimOf(row) : null;
}

/**
 * Claims a given job (a BullMQ delivery): a queued job, or a running one whose
 * attempt the queue declared stalled (its token is superseded). Null when the job
 * is finished or cancelled: nothing to do.
 */
export async function claimById(db: Db, id: string, lease: Lease): Promise<Claim | null> {
  const row = await db
    .updateTable('jobs')
    .set(claimSet(lease))
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  return row ? claimOf(row) : null;
}

/** Extends the lease; false when the attempt lost the job (cancelled or taken over). */
export async function renewLease(db: Db, claim: Claim, until: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_until: until })
    .where('id', '=', claim.id)
    .where('fence', '=', claim.fence)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Writes the outcome and its webhook events in one transaction, only if this
 * attempt still holds the job. False: a newer attempt or a cancel got there first.
 */
export async function finish(
  db: Db,
  claim: Claim,
  outcome: Outcome,
  outbox: OutboxRow[],
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('jobs')
      .set({
        state: outcome.state,
        result: outcome.state === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
        error: outcome.state === 'failed' ? JSON.stringify(outcome.error) : null,
        finished_at: now,
        lease_until: null,
        updated_at: now,
      })
      .where('id', '=', claim.id)
      .where('fence', '=', claim.fence)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    if (outbox.length > 0) await trx.insertInto('webhook_outbox').values(outbox).execute();
    return true;
  });
}

/** Puts the job back in the queue after a failed attempt that may be retried. */
export async function release(
  db: Db,
  claim: Claim,
  error: { code: string; message: string },
  runAfter: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      run_after: runAfter,
      error: JSON.stringify(error),
      lease_until: null,
      updated_at: now,
    })
    .where('id', '=', claim.id)
    .where('fence', '=', claim.fence)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Running jobs whose lease ran out (their process died) go back to the queue. */
export async function requeueExpired(db: Db, now: number): Promise<number> {
  // a read first: the common case (nothing expired) then writes nothing
  const expired = await db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .limit(1)
    .executeTakeFirst();
  if (!expired) return 0;
  const result = await db
    .updateTable('jobs')
    .set({ state: 'queued', lease_until: null, updated_at: now })
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Queued or running → cancelled; false when the job is already finished or unknown. */
export async function cancelJob(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'cancelled', finished_at: now, lease_until: null, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Failed or cancelled → queued again with a fresh attempt budget. */
export async function retryJob(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      attempts: 0,
      run_after: 0,
      error: null,
      result: null,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'cancelled'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Jobs per state, plus running jobs whose lease has expired (stalled). */
export async function jobCounts(db: Db, now: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.state] = Number(row.n);
  const stalled = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .executeTakeFirst();
  counts.stalled = Number(stalled?.n ?? 0);
  return counts;
}

/** Queued jobs created before `before` (re-enqueued on BullMQ at worker start-up). */
export async function queuedBefore(db: Db, before: number, limit = 1_000): Promise<string[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'queued')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

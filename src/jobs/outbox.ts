/**
 * The webhook outbox: one row per (event, endpoint), written in the job's result
 * transaction (jobs-repo `finish`). Its id is the `webhook-id`, the same for every
 * retry. Dispatchers claim due rows with a short lease; the delivery log keeps
 * every attempt.
 */
import { randomUUID } from 'node:crypto';
import type { JobEvent, WebhookEndpoint } from '../config/jobs-schema.js';
import type { StoreKind, WebhookOutboxTable } from '../store/schema.js';
import type { Selectable } from 'kysely';
import type { Db, OutboxRow } from './jobs-repo.js';
import { toJobView } from './job-types.js';
import type { Claim, Outcome } from './job-types.js';

export type OutboxEntry = Selectable<WebhookOutboxTable>;

export interface DeliveryView {
  webhookId: string;
  event: string;
  url: string;
  attempt: number;
  at: string;
  status: number | null;
  ok: boolean;
  error?: string;
  durationMs: number;
}

/** The endpoints that receive this job's event. */
export function endpointsFor(
  endpoints: readonly WebhookEndpoint[],
  event: JobEvent,
  requestedUrl: string | null,
): WebhookEndpoint[] {
  return endpoints.filter(
    (e) => e.events.includes(event) && (e.scope === 'all' || e.url === requestedUrl),
  );
}

/** Outbox rows for a finished attempt (Standard Webhooks payload: type, timestamp, data). */
export function outboxRowsFor(
  claim: Claim,
  outcome: Outcome,
  endpoints: readonly WebhookEndpoint[],
  now: number,
): OutboxRow[] {
  const event: JobEvent = outcome.state === 'succeeded' ? 'job.succeeded' : 'job.failed';
  const targets = endpointsFor(endpoints, event, claim.webhookUrl);
  if (targets.length === 0) return [];
  const data = toJobView({
    id: claim.id,
    kind: claim.kind,
    state: outcome.state,
    attempts: claim.attempts,
    result: outcome.state === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
    error: outcome.state === 'failed' ? JSON.stringify(outcome.error) : null,
    created_at: claim.createdAt,
    finished_at: now,
    started_at: null,
    owner_name: claim.ownerName,
  } as Parameters<typeof toJobView>[0]);
  const payload = JSON.stringify({ type: event, timestamp: new Date(now).toISOString(), data });
  return targets.map((endpoint) => ({
    id: `msg_${randomUUID().replaceAll('-', '')}`,
    job_id: claim.id,
    event,
    url: endpoint.url,
    payload,
    state: 'pending',
    attempts: 0,
    next_at: now,
    lease_until: null,
    created_at: now,
    delivered_at: null,
    last_error: null,
  }));
}

/** Claims up to `limit` due rows for `leaseMs`. */
export async function claimDue(
  db: Db,
  kind: StoreKind,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxEntry[]> {
  let due = db
    .selectFrom('webhook_outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_at')
    .limit(limit);
  if (kind === 'postgres') due = due.forUpdate().skipLocked();
  // SQLite: read first, write only when something is due (see claimNext in jobs-repo.ts)
  const ids = kind === 'postgres' ? null : (await due.execute()).map((r) => r.id);
  if (ids?.length === 0) return [];
  return db
    .updateTable('webhook_outbox')
    .set({ lease_until: now + leaseMs })
    .where('id', 'in', ids ?? due)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returningAll()
    .execute();
}

export interface AttemptRecord {
  status: number | null;
  ok: boolean;
  error?: string;
  durationMs: number;
}

/** Logs one delivery attempt and moves the row on: delivered, retried at `nextAt`, or failed. */
export async function recordAttempt(
  db: Db,
  entry: OutboxEntry,
  attempt: AttemptRecord,
  now: number,
  nextAt: number | null,
): Promise<void> {
  const attempts = entry.attempts + 1;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_deliveries')
      .values({
        id: randomUUID(),
        webhook_id: entry.id,
        job_id: entry.job_id,
        event: entry.event,
        url: entry.url,
        attempt: attempts,
        at: now,
        status: attempt.status,
        ok: attempt.ok ? 1 : 0,
        error: attempt.error ?? null,
        duration_ms: attempt.durationMs,
      })
      .execute();
    await trx
      .updateTable('webhook_outbox')
      .set({
        attempts,
        state: attempt.ok ? 'delivered' : nextAt === null ? 'failed' : 'pending',
        delivered_at: attempt.ok ? now : null,
        next_at: nextAt ?? entry.next_at,
        lease_until: null,
        last_error: attempt.ok ? null : (attempt.error ?? `HTTP ${attempt.status}`),
      })
      .where('id', '=', entry.id)
      .execute();
  });
}

export async function listDeliveries(db: Db, jobId: string): Promise<DeliveryView[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('at')
    .orderBy('attempt')
    .execute();
  return rows.map((r) => ({
    webhookId: r.webhook_id,
    event: r.event,
    url: r.url,
    attempt: r.attempt,
    at: new Date(r.at).toISOString(),
    status: r.status,
    ok: r.ok === 1,
    ...(r.error ? { error: r.error } : {}),
    durationMs: Math.round(r.duration_ms * 10) / 10,
  }));
}

/** Pending events per job (for `deliveries` views of events not tried yet). */
export async function pendingOutbox(db: Db, jobId: string): Promise<OutboxEntry[]> {
  return db.selectFrom('webhook_outbox').selectAll().where('job_id', '=', jobId).execute();
}

/**
 * The jobs service the server and the CLI call: submit (with Idempotency-Key),
 * batches, read, cancel, retry and the delivery log. Jobs are rows in the store;
 * the queue (in-process polling or BullMQ) only says "run this id now".
 */
import { randomUUID } from 'node:crypto';
import type { WebhooksConfig } from '../config/jobs-schema.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { StoreKind } from '../store/schema.js';
import { runIdempotent, type IdempotencyScope, type StoredAnswer } from './idempotency.js';
import { toJobView, type JobKind, type JobOwner, type JobView } from './job-types.js';
import * as repo from './jobs-repo.js';
import type { Db, ListQuery } from './jobs-repo.js';
import { listDeliveries, type DeliveryView } from './outbox.js';
import { createAnnouncer } from './announcer.js';
import { submitOneTrip } from './submit-one-trip.js';

/** Where a queued job id is announced: nothing (embedded polling) or BullMQ. */
export interface JobQueue {
  enqueue(ids: readonly string[]): Promise<void>;
  /** Best effort: drop a queued delivery of a cancelled job. */
  remove?(id: string): Promise<void>;
  /** Waiting + delayed deliveries, when the queue knows (BullMQ). */
  depth?(): Promise<number>;
  close(): Promise<void>;
}

export interface JobSystemOptions {
  db: Db;
  kind: StoreKind;
  jobs: { maxAttempts: number; maxBatchItems: number };
  webhooks: WebhooksConfig;
  idempotencyTtlMs: number;
  queue?: JobQueue;
  now?: () => number;
}

export interface SubmitInput {
  kind: JobKind;
  payload: unknown;
  owner: JobOwner;
  webhookUrl?: string;
}

export interface BatchView {
  id: string;
  total: number;
  counts: Record<string, number>;
  state: 'running' | 'done';
  jobs: { id: string; state: string }[];
}

export interface JobSystem {
  readonly db: Db;
  readonly kind: StoreKind;
  submit(
    input: SubmitInput,
    idempotency: IdempotencyScope | null,
  ): Promise<StoredAnswer & { replayed: boolean }>;
  submitBatch(
    items: Omit<SubmitInput, 'owner'>[],
    owner: JobOwner,
    idempotency: IdempotencyScope | null,
  ): Promise<StoredAnswer & { replayed: boolean }>;
  get(id: string): Promise<JobView | null>;
  /** The owner's key id (for permission checks), null when unknown. */
  ownerOf(id: string): Promise<string | null | undefined>;
  list(query?: ListQuery): Promise<JobView[]>;
  batch(id: string): Promise<BatchView | null>;
  cancel(id: string): Promise<JobView>;
  retry(id: string): Promise<JobView>;
  deliveries(id: string): Promise<DeliveryView[]>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

function notFound(id: string): ShipgateError {
  return new ShipgateError(
    ErrorCode.NotFound,
    `no job ${id} (check the id; jobs list shows recent ones)`,
  );
}

/** How long submitted ids gather before one BullMQ addBulk (announcer.ts). */
const announceWindowMs = 10;

export function createJobSystem(options: JobSystemOptions): JobSystem {
  const { db, kind } = options;
  const now = options.now ?? Date.now;
  const checkWebhook = (url: string | undefined): void => {
    if (url === undefined) return;
    if (options.webhooks.endpoints.some((e) => e.url === url)) return;
    const known = options.webhooks.endpoints.map((e) => e.url).join(', ') || 'none configured';
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `webhook.url ${url} is not a configured endpoint (webhooks.endpoints: ${known}); configure it with a secret first`,
    );
  };
  const newJob = (input: Omit<SubmitInput, 'owner'>, owner: JobOwner, batchId?: string) => ({
    kind: input.kind,
    payload: input.payload,
    owner,
    maxAttempts: options.jobs.maxAttempts,
    batchId,
    webhookUrl: input.webhookUrl,
  });
  // ids of committed jobs go to BullMQ after their 202s, a few at a time (announcer.ts)
  const announcer = createAnnouncer(options.queue, announceWindowMs);
  const announce = (ids: string[]): void => announcer.announce(ids);
  const idem = { ttlMs: options.idempotencyTtlMs, atomic: true };

  return {
    db,
    kind,
    async submit(input, idempotency) {
      checkWebhook(input.webhookUrl);
      if (kind === 'postgres' && idempotency) {
        const at = { now: now(), ttlMs: idem.ttlMs };
        const fresh = await submitOneTrip(db, idempotency, newJob(input, input.owner), at);
        if (fresh) {
          announce([fresh.jobId]);
          return { status: 202, body: fresh, replayed: false };
        }
      }
      const answer = await runIdempotent(db, idempotency, { ...idem, now: now() }, async (tx) => {
        const row = await repo.insertJob(tx, newJob(input, input.owner), now());
        return { status: 202, body: { jobId: row.id } };
      });
      if (!answer.replayed) announce([(answer.body as { jobId: string }).jobId]);
      return answer;
    },
    async submitBatch(items, owner, idempotency) {
      if (items.length === 0 || items.length > options.jobs.maxBatchItems)
        throw new ShipgateError(
          ErrorCode.BadRequest,
          `a batch holds 1 to ${options.jobs.maxBatchItems} items (jobs.maxBatchItems); this one has ${items.length}`,
        );
      items.forEach((item) => checkWebhook(item.webhookUrl));
      const answer = await runIdempotent(db, idempotency, { ...idem, now: now() }, async (tx) => {
        const batchId = `batch_${randomUUID().replaceAll('-', '')}`;
        const at = now();
        await tx
          .insertInto('job_batches')
          .values({ id: batchId, owner_id: owner.id, total: items.length, created_at: at })
          .execute();
        const jobIds: string[] = [];
        for (const item of items)
          jobIds.push((await repo.insertJob(tx, newJob(item, owner, batchId), at)).id);
        return { status: 202, body: { batchId, jobIds } };
      });
      if (!answer.replayed) announce((answer.body as { jobIds: string[] }).jobIds);
      return answer;
    },
    async get(id) {
      const row = await repo.getJob(db, id);
      return row ? toJobView(row) : null;
    },
    async ownerOf(id) {
      const row = await repo.getJob(db, id);
      return row ? row.owner_id : undefined;
    },
    async list(query) {
      return (await repo.listJobs(db, query)).map(toJobView);
    },
    async batch(id) {
      const batch = await db
        .selectFrom('job_batches')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!batch) return null;
      const rows = await repo.listJobs(db, { batchId: id, limit: 100_000 });
      const counts: Record<string, number> = {};
      for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
      const open = (counts.queued ?? 0) + (counts.running ?? 0);
      return {
        id,
        total: batch.total,
        counts,
        state: open === 0 ? 'done' : 'running',
        jobs: rows.reverse().map((r) => ({ id: r.id, state: r.state })),
      };
    },
    async cancel(id) {
      const cancelled = await repo.cancelJob(db, id, now());
      const row = await repo.getJob(db, id);
      if (!row) throw notFound(id);
      if (!cancelled && row.state !== 'cancelled')
        throw new ShipgateError(
          ErrorCode.Conflict,
          `job ${id} has already ${row.state}; nothing to cancel`,
        );
      if (cancelled) await options.queue?.remove?.(id).catch(() => undefined);
      return toJobView(row);
    },
    async retry(id) {
      const retried = await repo.retryJob(db, id, now());
      const row = await repo.getJob(db, id);
      if (!row) throw notFound(id);
      if (!retried)
        throw new ShipgateError(
          ErrorCode.Conflict,
          `job ${id} is ${row.state}; only failed or cancelled jobs can be retried`,
        );
      announce([id]);
      return toJobView(row);
    },
    async deliveries(id) {
      if (!(await repo.getJob(db, id))) throw notFound(id);
      return listDeliveries(db, id);
    },
    async counts() {
      const counts = await repo.jobCounts(db, now());
      if (options.queue?.depth) counts.queueDepth = await options.queue.depth().catch(() => -1);
      return counts;
    },
    async close() {
      await announcer.flush(); // what was answered 202 reaches Redis before it closes
      await options.queue?.close();
    },
  };
}

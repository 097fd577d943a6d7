/**
 * Which provider batch a job's model call went into (ADR 0032). Written as soon as
 * the batch is submitted and removed when the call has its answer, so a row that
 * outlives its worker (killed mid-wait) tells the job's next attempt to follow that
 * batch — already paid for — instead of submitting the same request again.
 */
import type { ModelRequest } from '../../gateway/types.js';
import { bodyHash } from '../idempotency.js';
import type { Db } from '../jobs-repo.js';

export interface LedgerEntry {
  jobId: string;
  requestHash: string;
  provider: string;
  batchId: string;
  customId: string;
  submittedAt: number;
}

export interface BatchCallLedger {
  find(jobId: string, requestHash: string): Promise<LedgerEntry | undefined>;
  record(entry: LedgerEntry): Promise<void>;
  forget(jobId: string, requestHash: string): Promise<void>;
}

/** What a call asks the provider: the same hash for the same request on a re-run. */
export function batchRequestHash(provider: string, modelId: string, request: ModelRequest): string {
  const { messages, maxOutputTokens, temperature, topP, stop, seed, responseFormat } = request;
  const asked = { messages, maxOutputTokens, temperature, topP, stop, seed, responseFormat };
  return bodyHash({ provider, modelId, asked });
}

export function dbBatchLedger(db: Db): BatchCallLedger {
  return {
    async find(jobId, requestHash) {
      const row = await db
        .selectFrom('provider_batch_calls')
        .selectAll()
        .where('job_id', '=', jobId)
        .where('request_hash', '=', requestHash)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        jobId: row.job_id,
        requestHash: row.request_hash,
        provider: row.provider,
        batchId: row.batch_id,
        customId: row.custom_id,
        submittedAt: Number(row.submitted_at),
      };
    },
    async record(entry) {
      const row = {
        job_id: entry.jobId,
        request_hash: entry.requestHash,
        provider: entry.provider,
        batch_id: entry.batchId,
        custom_id: entry.customId,
        submitted_at: entry.submittedAt,
      };
      const { job_id: _job, request_hash: _hash, ...update } = row;
      await db
        .insertInto('provider_batch_calls')
        .values(row)
        .onConflict((c) => c.columns(['job_id', 'request_hash']).doUpdateSet(update))
        .execute();
    },
    async forget(jobId, requestHash) {
      await db
        .deleteFrom('provider_batch_calls')
        .where('job_id', '=', jobId)
        .where('request_hash', '=', requestHash)
        .execute();
    },
  };
}

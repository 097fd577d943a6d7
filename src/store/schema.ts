/**
 * Kysely table types for the shipgate store. Column names are snake_case; every
 * time is epoch milliseconds in a bigint column; booleans are integers 0/1 so the
 * same values work in SQLite and Postgres. The store returns bigint columns as JS
 * numbers on both backends (exact up to Number.MAX_SAFE_INTEGER).
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export type StoreKind = 'sqlite' | 'postgres';

/** One metered model call: the columns of `UsageRecord` (src/gateway/usage-record.ts). */
export interface UsageTable {
  id: string;
  started_at: number;
  provider: string;
  model: string;
  task: string;
  caller: string;
  attempts: number;
  /** 0 or 1 */
  cache_hit: number;
  status: string;
  latency_ms: number;
  ttft_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_micros: number;
  /** 0 or 1 */
  estimated: number;
}

/** Response cache (embedded mode); `value` is JSON text. */
export interface CacheEntriesTable {
  key: string;
  value: string;
  expires_at: number;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** sha-256 hex of the full key; the key itself is never stored. */
  key_hash: string;
  /** The first characters of the key, shown in listings. */
  prefix: string;
  role: string;
  rpm: number | null;
  tpm: number | null;
  budget_micros: number | null;
  budget_period: string | null;
  created_at: number;
  revoked_at: number | null;
}

/** Hash-chained audit log (each row's `hash` covers `prev_hash` and its content). */
export interface AuditLogTable {
  seq: Generated<number>;
  at: number;
  actor: string;
  action: string;
  route: string | null;
  model: string | null;
  /** JSON text */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  state: string;
  idempotency_key: string | null;
  /** JSON text */
  payload: string;
  /** JSON text */
  result: string | null;
  error: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
  // 0002-jobs
  owner_id: string | null;
  owner_name: string | null;
  /** Fencing token: +1 per attempt; only the attempt holding the current value may finish. */
  fence: Generated<number>;
  max_attempts: Generated<number>;
  lease_until: number | null;
  lease_owner: string | null;
  run_after: Generated<number>;
  started_at: number | null;
  finished_at: number | null;
  batch_id: string | null;
  webhook_url: string | null;
}

export interface JobBatchesTable {
  id: string;
  owner_id: string | null;
  total: number;
  created_at: number;
}

/** Webhook events waiting for (or done with) delivery; `id` is the webhook-id. */
export interface WebhookOutboxTable {
  id: string;
  job_id: string;
  event: string;
  url: string;
  /** The exact JSON body that is signed and sent. */
  payload: string;
  state: string;
  attempts: number;
  next_at: number;
  lease_until: number | null;
  created_at: number;
  delivered_at: number | null;
  last_error: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  job_id: string;
  event: string;
  url: string;
  attempt: number;
  at: number;
  status: number | null;
  /** 0 or 1 */
  ok: number;
  error: string | null;
  duration_ms: number;
}

/** A job's model call waiting in a provider batch (src/jobs/batch-api/call-ledger.ts). */
export interface ProviderBatchCallsTable {
  job_id: string;
  request_hash: string;
  provider: string;
  batch_id: string;
  custom_id: string;
  submitted_at: number;
}

export interface IdempotencyKeysTable {
  /** The API key id (or `local`). */
  scope: string;
  key: string;
  body_hash: string;
  state: string;
  status_code: number | null;
  /** JSON text of the stored answer. */
  response: string | null;
  created_at: number;
  expires_at: number;
}

/** One generate run (migration 0004, issue 15): what analytics reads. */
export interface GenerateRunsTable {
  id: string;
  at: number;
  template: string;
  template_version: string;
  model: string;
  caller: string;
  /** 0 or 1 */
  passed: number;
  attempts: number;
  /** 0 or 1: the first attempt already passed every gate. */
  first_try_passed: number;
  /** 0 or 1: the first attempt had TS2304/2305/2307/2339/2551 (names that do not exist). */
  hallucinated: number;
  cost_micros: number;
  duration_ms: number;
}

/** One gate's verdict on one validation (migration 0004, issue 15). */
export interface GateResultsTable {
  id: string;
  at: number;
  /** `generate`, `validate`, `review`. */
  source: string;
  run_id: string | null;
  gate: string;
  /** pass | fail | skip | error | timeout (GateVerdict) */
  verdict: string;
  duration_ms: number;
}

export interface Database {
  usage: UsageTable;
  cache_entries: CacheEntriesTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  job_batches: JobBatchesTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
  idempotency_keys: IdempotencyKeysTable;
  provider_batch_calls: ProviderBatchCallsTable;
  generate_runs: GenerateRunsTable;
  gate_results: GateResultsTable;
}

export type UsageRow = Selectable<UsageTable>;
export type NewUsageRow = Insertable<UsageTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type JobRow = Selectable<JobsTable>;
export type NewJobRow = Insertable<JobsTable>;

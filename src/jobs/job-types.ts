/** Job kinds, states and the public job shape (DESIGN.md, "Contracts added in wave 2" → Jobs). */
import type { JobRow } from '../store/schema.js';

export const jobKinds = ['generate', 'review', 'validate'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStates = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const terminalStates: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

export interface JobError {
  code: string;
  message: string;
}

/** What `GET /api/jobs/:id` and `shipgate jobs show --format json` return. */
export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  attempts: number;
  result?: unknown;
  error?: JobError;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  batchId?: string;
  owner?: string;
}

/** Who submitted a job: the API key (or `local` without keys). */
export interface JobOwner {
  id: string;
  name: string;
}

export interface NewJob {
  kind: JobKind;
  payload: unknown;
  owner: JobOwner;
  maxAttempts: number;
  batchId?: string;
  /** A configured endpoint the request named (`webhook: { url }`). */
  webhookUrl?: string;
}

/** A claimed attempt: the row as claimed plus the fencing token that must finish it. */
export interface Claim {
  id: string;
  kind: JobKind;
  payload: unknown;
  fence: number;
  attempts: number;
  maxAttempts: number;
  ownerName: string | null;
  webhookUrl: string | null;
  createdAt: number;
}

export type Outcome =
  { state: 'succeeded'; result: unknown } | { state: 'failed'; error: JobError };

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function toJobView(row: JobRow): JobView {
  const view: JobView = {
    id: row.id,
    kind: row.kind as JobKind,
    state: row.state as JobState,
    attempts: row.attempts,
    createdAt: new Date(row.created_at).toISOString(),
  };
  const result = parseJson(row.result);
  if (result !== undefined) view.result = result;
  const error = parseJson(row.error) as JobError | undefined;
  if (error !== undefined) view.error = error;
  const started = iso(row.started_at);
  if (started) view.startedAt = started;
  const finished = iso(row.finished_at);
  if (finished) view.finishedAt = finished;
  if (row.batch_id) view.batchId = row.batch_id;
  if (row.owner_name) view.owner = row.owner_name;
  return view;
}

export function claimOf(row: JobRow): Claim {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    payload: parseJson(row.payload),
    fence: row.fence,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    ownerName: row.owner_name,
    webhookUrl: row.webhook_url,
    createdAt: row.created_at,
  };
}

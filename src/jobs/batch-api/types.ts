/**
 * A provider batch API as the batch caller uses it (ADR 0029): submit many
 * requests at once, poll until the batch ended, read one result per custom id,
 * cancel. One implementation per wire format: OpenAI (/v1/files + /v1/batches)
 * and Anthropic (Message Batches).
 */
import type { ShipgateError } from '../../errors.js';
import type { FinishReason, ModelRequest, Usage } from '../../gateway/types.js';

export interface BatchRequest {
  /** Unique within the batch; maps the result back (`^[A-Za-z0-9_-]{1,64}$`). */
  customId: string;
  /** The provider's model id. */
  modelId: string;
  request: ModelRequest;
}

/** One request's outcome in an ended batch. */
export type BatchItemResult =
  | { type: 'succeeded'; text: string; finishReason: FinishReason; usage: Usage | null }
  | { type: 'errored'; error: ShipgateError }
  | { type: 'expired' }
  | { type: 'canceled' };

export interface BatchResults {
  items: Map<string, BatchItemResult>;
  /** For a request absent from `items` (e.g. a whole batch rejected, expired or cancelled). */
  missing: BatchItemResult;
}

export interface BatchStatus {
  /** The batch will not change any more: its results can be read. */
  ended: boolean;
  /** The provider's own status word (logs, errors). */
  status: string;
}

export interface BatchBackend {
  /** The provider batch's id. A 404/405/501 answer is a ShipgateError with that upstreamStatus. */
  submit(requests: readonly BatchRequest[], signal?: AbortSignal): Promise<string>;
  status(id: string, signal?: AbortSignal): Promise<BatchStatus>;
  /** Results by custom id, and what a request the provider never answered counts as. */
  results(id: string, signal?: AbortSignal): Promise<BatchResults>;
  cancel(id: string): Promise<void>;
}

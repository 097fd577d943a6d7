/**
 * Anthropic's Message Batches: POST /v1/messages/batches with
 * `requests: [{ custom_id, params }]`, polled at GET /v1/messages/batches/:id
 * until `processing_status` is "ended", then the JSONL at `results_url`: one line
 * per custom_id whose `result.type` is succeeded, errored, canceled or expired.
 */
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ModelRequest } from '../../gateway/types.js';
import { upstreamStatusError } from '../../providers/status-error.js';
import { anthropicUsage, anthropicUsageOf, finishReasonOf } from '../../providers/wire-usage.js';
import { postJson, requestJson, requestJsonl, type HttpTarget } from './http.js';
import type { BatchBackend, BatchItemResult, BatchRequest } from './types.js';

export const anthropicVersion = '2023-06-01';
/** Anthropic requires max_tokens; used when the request sets none. */
export const defaultAnthropicMaxTokens = 8_192;

const batchSchema = z.object({
  id: z.string().min(1),
  processing_status: z.string(),
  results_url: z.string().nullish(),
});
const messageSchema = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().nullish() })),
  stop_reason: z.string().nullish(),
  usage: anthropicUsage.nullish(),
});
const lineSchema = z.object({
  custom_id: z.string(),
  result: z.object({
    type: z.string(),
    message: z.unknown().optional(),
    error: z.unknown().optional(),
  }),
});

const errorBodySchema = z.object({ error: z.object({ type: z.string() }).nullish() });
/** Anthropic's error types and the HTTP status a synchronous call answers them with. */
const statusByErrorType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

export function messagesParams(modelId: string, request: ModelRequest): Record<string, unknown> {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const params: Record<string, unknown> = {
    model: modelId,
    max_tokens: request.maxOutputTokens ?? defaultAnthropicMaxTokens,
    messages: request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role, content: m.content })),
  };
  if (system.length > 0) params.system = system.join('\n\n');
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.topP !== undefined) params.top_p = request.topP;
  if (request.stop?.length) params.stop_sequences = request.stop;
  return params;
}

function resultOf(result: z.infer<typeof lineSchema>['result']): BatchItemResult {
  if (result.type === 'succeeded') {
    const message = messageSchema.safeParse(result.message);
    if (!message.success)
      return {
        type: 'errored',
        error: new ShipgateError(ErrorCode.UpstreamBadResponse, 'a batch answer had no message', {
          retryable: true,
        }),
      };
    const { content, stop_reason, usage } = message.data;
    return {
      type: 'succeeded',
      text: content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join(''),
      finishReason: finishReasonOf(stop_reason) ?? 'other',
      usage: usage ? anthropicUsageOf(usage, null) : null,
    };
  }
  if (result.type === 'expired') return { type: 'expired' };
  if (result.type === 'canceled') return { type: 'canceled' };
  // errored: `error` is the error body a synchronous call would have answered
  const type = errorBodySchema.safeParse(result.error).data?.error?.type ?? 'api_error';
  const status = statusByErrorType[type] ?? 500;
  const body = JSON.stringify(result.error ?? {});
  return { type: 'errored', error: upstreamStatusError({ status, headers: undefined, body }) };
}

export interface AnthropicBatchOptions extends HttpTarget {
  /** Base URL ending in /v1. */
  baseUrl: string;
}

export function createAnthropicBatchBackend(options: AnthropicBatchOptions): BatchBackend {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/messages/batches`;
  const target: HttpTarget = {
    fetch: options.fetch,
    headers: { 'anthropic-version': anthropicVersion, ...options.headers },
  };
  const getBatch = (id: string, signal?: AbortSignal) =>
    requestJson(target, batchSchema, `${base}/${encodeURIComponent(id)}`, { signal });
  return {
    async submit(requests: readonly BatchRequest[], signal) {
      const batch = await requestJson(
        target,
        batchSchema,
        base,
        postJson(
          {
            requests: requests.map((r) => ({
              custom_id: r.customId,
              params: messagesParams(r.modelId, r.request),
            })),
          },
          signal,
        ),
      );
      return batch.id;
    },
    async status(id, signal) {
      const batch = await getBatch(id, signal);
      return { ended: batch.processing_status === 'ended', status: batch.processing_status };
    },
    async results(id, signal) {
      const batch = await getBatch(id, signal);
      const items = new Map<string, BatchItemResult>();
      const url = batch.results_url ?? `${base}/${encodeURIComponent(id)}/results`;
      for (const line of await requestJsonl(target, lineSchema, url, signal))
        items.set(line.custom_id, resultOf(line.result));
      const missing: BatchItemResult = {
        type: 'errored',
        error: new ShipgateError(
          ErrorCode.UpstreamBadResponse,
          `the provider batch ${id} ended without a result for this request`,
          { retryable: true },
        ),
      };
      return { items, missing };
    },
    async cancel(id) {
      await requestJson(
        target,
        batchSchema,
        `${base}/${encodeURIComponent(id)}/cancel`,
        postJson({}),
      );
    },
  };
}

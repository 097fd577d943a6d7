/**
 * OpenAI's Batch API: the requests as a JSONL file uploaded to /v1/files
 * (purpose "batch"), a batch over it for /v1/chat/completions with a 24 h
 * completion window, polled at GET /v1/batches/:id; results come from the output
 * and error files (/v1/files/:id/content), one line per custom_id.
 */
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ModelRequest } from '../../gateway/types.js';
import { upstreamStatusError } from '../../providers/status-error.js';
import { finishReasonOf, openaiUsage, openaiUsageOf } from '../../providers/wire-usage.js';
import { postJson, requestJson, requestJsonl, type HttpTarget } from './http.js';
import type { BatchBackend, BatchItemResult, BatchRequest } from './types.js';

const endedStates: ReadonlySet<string> = new Set(['completed', 'failed', 'expired', 'cancelled']);

const fileSchema = z.object({ id: z.string().min(1) });
const batchSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  output_file_id: z.string().nullish(),
  error_file_id: z.string().nullish(),
  errors: z
    .object({ data: z.array(z.object({ message: z.string().nullish() })).nullish() })
    .nullish(),
});
const lineSchema = z.object({
  custom_id: z.string(),
  response: z.object({ status_code: z.number().int(), body: z.unknown() }).nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: openaiUsage.nullish(),
});

/** The chat completions body a synchronous call would send (`max_tokens` for compatible servers). */
export function chatBody(
  modelId: string,
  request: ModelRequest,
  maxTokensKey: 'max_completion_tokens' | 'max_tokens',
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: modelId,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (request.maxOutputTokens !== undefined) body[maxTokensKey] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop?.length) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.responseFormat === 'json') body.response_format = { type: 'json_object' };
  return body;
}

function resultOf(line: z.infer<typeof lineSchema>): BatchItemResult {
  const { response, error } = line;
  if (response && response.status_code >= 200 && response.status_code < 300) {
    const parsed = completionSchema.safeParse(response.body);
    if (!parsed.success)
      return {
        type: 'errored',
        error: new ShipgateError(ErrorCode.UpstreamBadResponse, 'a batch answer had no choices', {
          retryable: true,
        }),
      };
    const [choice] = parsed.data.choices;
    return {
      type: 'succeeded',
      text: choice?.message?.content ?? '',
      finishReason: finishReasonOf(choice?.finish_reason) ?? 'other',
      usage: parsed.data.usage ? openaiUsageOf(parsed.data.usage) : null,
    };
  }
  if (error?.code === 'batch_expired') return { type: 'expired' };
  if (error?.code === 'batch_cancelled') return { type: 'canceled' };
  if (response)
    return {
      type: 'errored',
      error: upstreamStatusError({
        status: response.status_code,
        headers: undefined,
        body: JSON.stringify(response.body),
      }),
    };
  return {
    type: 'errored',
    error: new ShipgateError(
      ErrorCode.UpstreamError,
      `the batch request failed: ${error?.message ?? error?.code ?? 'no reason given'}`,
    ),
  };
}

/** A request in neither file: the batch was rejected (validation), expired or cancelled. */
function missingResult(batch: z.infer<typeof batchSchema>): BatchItemResult {
  if (batch.status === 'expired') return { type: 'expired' };
  if (batch.status === 'cancelled') return { type: 'canceled' };
  const reasons = batch.errors?.data?.map((e) => e.message).filter(Boolean) ?? [];
  return {
    type: 'errored',
    error: new ShipgateError(
      ErrorCode.UpstreamError,
      `the provider batch ${batch.id} ended ${batch.status} without this request: ${reasons.join('; ') || 'no reason given'}`,
    ),
  };
}

export interface OpenAIBatchOptions extends HttpTarget {
  /** Base URL ending in /v1. */
  baseUrl: string;
  /** `max_tokens` for OpenAI-compatible servers; OpenAI itself takes `max_completion_tokens`. */
  maxTokensKey?: 'max_completion_tokens' | 'max_tokens';
}

export function createOpenAIBatchBackend(options: OpenAIBatchOptions): BatchBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const maxTokensKey = options.maxTokensKey ?? 'max_completion_tokens';
  const getBatch = (id: string, signal?: AbortSignal) =>
    requestJson(options, batchSchema, `${base}/batches/${encodeURIComponent(id)}`, { signal });
  const fileLines = (id: string | null | undefined, signal?: AbortSignal) =>
    id
      ? requestJsonl(options, lineSchema, `${base}/files/${encodeURIComponent(id)}/content`, signal)
      : Promise.resolve([]);
  return {
    async submit(requests: readonly BatchRequest[], signal) {
      const jsonl = requests
        .map((r) =>
          JSON.stringify({
            custom_id: r.customId,
            method: 'POST',
            url: '/v1/chat/completions',
            body: chatBody(r.modelId, r.request, maxTokensKey),
          }),
        )
        .join('\n');
      const form = new FormData();
      form.append('purpose', 'batch');
      form.append('file', new Blob([`${jsonl}\n`], { type: 'application/jsonl' }), 'batch.jsonl');
      const file = await requestJson(options, fileSchema, `${base}/files`, {
        method: 'POST',
        body: form,
        signal,
      });
      const batch = await requestJson(
        options,
        batchSchema,
        `${base}/batches`,
        postJson(
          {
            input_file_id: file.id,
            endpoint: '/v1/chat/completions',
            completion_window: '24h',
            metadata: { source: 'shipgate' },
          },
          signal,
        ),
      );
      return batch.id;
    },
    async status(id, signal) {
      const batch = await getBatch(id, signal);
      return { ended: endedStates.has(batch.status), status: batch.status };
    },
    async results(id, signal) {
      const batch = await getBatch(id, signal);
      const items = new Map<string, BatchItemResult>();
      const [output, errors] = await Promise.all([
        fileLines(batch.output_file_id, signal),
        fileLines(batch.error_file_id, signal),
      ]);
      for (const line of [...errors, ...output]) items.set(line.custom_id, resultOf(line));
      return { items, missing: missingResult(batch) };
    },
    async cancel(id) {
      await requestJson(
        options,
        batchSchema,
        `${base}/batches/${encodeURIComponent(id)}/cancel`,
        postJson({}),
      );
    },
  };
}

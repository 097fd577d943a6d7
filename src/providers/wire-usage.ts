/**
 * The one usage parser per protocol (issue 9.7), and the minimal zod schemas for
 * what the pass-through reads from upstream bytes: usage, text (for estimating when
 * usage is missing), the finish reason and in-stream errors. Everything else in the
 * payload is ignored (and forwarded untouched).
 *
 * Token counts are untrusted numbers: a count that is not an integer ≥ 0 makes the
 * whole report unusable (null), so the caller estimates and flags `estimated`.
 */
import { z } from 'zod';
import type { FinishReason, Usage } from '../gateway/types.js';

export type WireFormat = 'openai-chat' | 'openai-completions' | 'anthropic';

/** Counts stay loose here (any JSON value) so one bad count never hides the rest of a payload. */
const count = z.unknown().optional();

export const openaiUsage = z.object({
  prompt_tokens: count,
  completion_tokens: count,
  prompt_tokens_details: z.object({ cached_tokens: count }).nullish(),
});
export type OpenAIUsage = z.infer<typeof openaiUsage>;

const toolCalls = z
  .array(z.object({ function: z.object({ arguments: z.string().nullish() }).nullish() }))
  .nullish();

const openaiChoice = z.object({
  delta: z.object({ content: z.string().nullish(), tool_calls: toolCalls }).nullish(),
  message: z.object({ content: z.string().nullish(), tool_calls: toolCalls }).nullish(),
  text: z.string().nullish(),
  finish_reason: z.string().nullish(),
});

const wireError = z.object({ message: z.string().nullish(), type: z.string().nullish() });

export const openaiPayload = z.object({
  choices: z.array(openaiChoice).nullish(),
  usage: openaiUsage.nullish(),
  /** An in-stream error (`data: {"error": …}`). */
  error: wireError.nullish(),
});

export const anthropicUsage = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
});
export type AnthropicUsage = z.infer<typeof anthropicUsage>;

export const anthropicPayload = z.object({
  type: z.string().optional(),
  message: z.object({ usage: anthropicUsage.nullish() }).nullish(),
  usage: anthropicUsage.nullish(),
  delta: z
    .object({
      text: z.string().nullish(),
      partial_json: z.string().nullish(),
      stop_reason: z.string().nullish(),
    })
    .nullish(),
  content: z
    .array(z.object({ text: z.string().nullish(), input: z.unknown().optional() }))
    .nullish(),
  stop_reason: z.string().nullish(),
  /** `{"type":"error","error":{…}}` */
  error: wireError.nullish(),
});

export function finishReasonOf(raw: string | null | undefined): FinishReason | null {
  if (raw === null || raw === undefined) return null;
  if (raw === 'stop' || raw === 'end_turn' || raw === 'stop_sequence') return 'stop';
  if (raw === 'length' || raw === 'max_tokens') return 'length';
  if (raw === 'tool_calls' || raw === 'tool_use' || raw === 'function_call') return 'tool-calls';
  if (raw === 'content_filter' || raw === 'refusal') return 'content-filter';
  return 'other';
}

/** A token count from an upstream: an integer ≥ 0, else null (unusable). */
export function tokenCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** An optional count: absent is `fallback`, present but invalid is null. */
function optionalCount(value: unknown, fallback: number): number | null {
  return value === null || value === undefined ? fallback : tokenCount(value);
}

/** OpenAI usage (chat and legacy completions); null when any count is not an integer ≥ 0. */
export function openaiUsageOf(u: OpenAIUsage): Usage | null {
  const input = tokenCount(u.prompt_tokens);
  const output = tokenCount(u.completion_tokens);
  const cached = optionalCount(u.prompt_tokens_details?.cached_tokens, 0);
  return reportedUsage(input, output, cached);
}

/** A provider's own counts as a Usage; null when any is not an integer ≥ 0 (then estimated). */
export function reportedUsage(
  input: number | null,
  output: number | null,
  cached: number | null,
): Usage | null {
  if (input === null || output === null || cached === null) return null;
  return {
    inputTokens: input,
    outputTokens: output,
    cachedInputTokens: Math.min(cached, input),
    estimated: false,
  };
}

/**
 * Anthropic usage, merged over what the stream reported before (`message_start`
 * carries the input, `message_delta` the final output). Anthropic's input_tokens
 * exclude cache reads and writes; our inputTokens are the total. Null when any
 * count present is not an integer ≥ 0.
 */
export function anthropicUsageOf(u: AnthropicUsage, previous: Usage | null): Usage | null {
  const read = optionalCount(u.cache_read_input_tokens, -1);
  const created = optionalCount(u.cache_creation_input_tokens, 0);
  const rawInput = optionalCount(u.input_tokens, -1);
  const output = optionalCount(u.output_tokens, previous?.outputTokens ?? 0);
  if (read === null || created === null || rawInput === null || output === null) return null;
  const cached = read === -1 ? (previous?.cachedInputTokens ?? 0) : read;
  const input =
    rawInput === -1 ? (previous?.inputTokens ?? 0) : rawInput + Math.max(read, 0) + created;
  return reportedUsage(input, output, cached);
}

/**
 * Minimal zod schemas for what the pass-through reads from upstream bytes: usage,
 * text (for estimating when usage is missing) and the finish reason. Everything
 * else in the payload is ignored (and forwarded untouched).
 */
import { z } from 'zod';
import type { FinishReason, Usage } from '../../gateway/types.js';

export type WireFormat = 'openai-chat' | 'openai-completions' | 'anthropic';

const openaiUsage = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
});

const toolCalls = z
  .array(z.object({ function: z.object({ arguments: z.string().nullish() }).nullish() }))
  .nullish();

const openaiChoice = z.object({
  delta: z.object({ content: z.string().nullish(), tool_calls: toolCalls }).nullish(),
  message: z.object({ content: z.string().nullish(), tool_calls: toolCalls }).nullish(),
  text: z.string().nullish(),
  finish_reason: z.string().nullish(),
});

export const openaiPayload = z.object({
  choices: z.array(openaiChoice).nullish(),
  usage: openaiUsage.nullish(),
});

const anthropicUsage = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
});

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
});

export function finishReasonOf(raw: string | null | undefined): FinishReason | null {
  if (raw === null || raw === undefined) return null;
  if (raw === 'stop' || raw === 'end_turn' || raw === 'stop_sequence') return 'stop';
  if (raw === 'length' || raw === 'max_tokens') return 'length';
  if (raw === 'tool_calls' || raw === 'tool_use' || raw === 'function_call') return 'tool-calls';
  if (raw === 'content_filter' || raw === 'refusal') return 'content-filter';
  return 'other';
}

export function openaiUsageOf(u: z.infer<typeof openaiUsage>): Usage {
  return {
    inputTokens: u.prompt_tokens,
    outputTokens: u.completion_tokens,
    cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
    estimated: false,
  };
}

/** Anthropic's input_tokens exclude cache reads and writes; our inputTokens are the total. */
export function anthropicUsageOf(u: z.infer<typeof anthropicUsage>, previous: Usage | null): Usage {
  const read = u.cache_read_input_tokens ?? null;
  const created = u.cache_creation_input_tokens ?? 0;
  const input =
    u.input_tokens === null || u.input_tokens === undefined
      ? (previous?.inputTokens ?? 0)
      : u.input_tokens + (read ?? 0) + created;
  return {
    inputTokens: input,
    outputTokens: u.output_tokens ?? previous?.outputTokens ?? 0,
    cachedInputTokens: read ?? previous?.cachedInputTokens ?? 0,
    estimated: false,
  };
}

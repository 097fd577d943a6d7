/**
 * Reads usage from the raw stream chunks as they arrive, so a stream that breaks
 * after the upstream reported its usage is still metered exactly. The AI SDK only
 * surfaces usage in its final `finish` part, which a cut stream never produces.
 */
import { z } from 'zod';
import type { Usage } from '../gateway/types.js';

const openAIChunk = z.object({
  usage: z.object({
    prompt_tokens: z.number(),
    completion_tokens: z.number(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  }),
});

const anthropicUsage = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
});
const anthropicStart = z.object({
  type: z.literal('message_start'),
  message: z.object({ usage: anthropicUsage }),
});
const anthropicDelta = z.object({ type: z.literal('message_delta'), usage: anthropicUsage });

export interface RawUsageTracker {
  observe(raw: unknown): void;
  /** Complete usage seen in the raw stream, or null. */
  usage(): Usage | null;
}

export function createRawUsageTracker(): RawUsageTracker {
  let complete: Usage | null = null;
  let started: z.infer<typeof anthropicUsage> | null = null;
  return {
    observe(raw) {
      const openai = openAIChunk.safeParse(raw);
      if (openai.success) {
        const u = openai.data.usage;
        complete = {
          inputTokens: u.prompt_tokens,
          outputTokens: u.completion_tokens,
          cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
          estimated: false,
        };
        return;
      }
      const start = anthropicStart.safeParse(raw);
      if (start.success) {
        started = start.data.message.usage;
        return;
      }
      const delta = anthropicDelta.safeParse(raw);
      if (delta.success && started) {
        const cacheRead = started.cache_read_input_tokens ?? 0;
        const input =
          (delta.data.usage.input_tokens ?? started.input_tokens ?? 0) +
          cacheRead +
          (started.cache_creation_input_tokens ?? 0);
        complete = {
          inputTokens: input,
          outputTokens: delta.data.usage.output_tokens ?? 0,
          cachedInputTokens: cacheRead,
          estimated: false,
        };
      }
    },
    usage: () => complete,
  };
}

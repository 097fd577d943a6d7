/**
 * Reads usage from the raw stream chunks as they arrive, so a stream that breaks
 * after the upstream reported its usage is still metered exactly. The AI SDK only
 * surfaces usage in its final `finish` part, which a cut stream never produces.
 * Parsing is the protocol's one usage parser (wire-usage.ts).
 */
import { z } from 'zod';
import type { Usage } from '../gateway/types.js';
import { anthropicUsage, anthropicUsageOf, openaiUsage, openaiUsageOf } from './wire-usage.js';

const openAIChunk = z.object({ usage: openaiUsage });
const anthropicStart = z.object({
  type: z.literal('message_start'),
  message: z.object({ usage: anthropicUsage }),
});
const anthropicDelta = z.object({ type: z.literal('message_delta'), usage: anthropicUsage });

export interface RawUsageTracker {
  observe(raw: unknown): void;
  /** Complete, valid usage seen in the raw stream, or null. */
  usage(): Usage | null;
}

export function createRawUsageTracker(): RawUsageTracker {
  let complete: Usage | null = null;
  let started: Usage | null = null;
  return {
    observe(raw) {
      const openai = openAIChunk.safeParse(raw);
      if (openai.success) {
        complete = openaiUsageOf(openai.data.usage);
        return;
      }
      const start = anthropicStart.safeParse(raw);
      if (start.success) {
        started = anthropicUsageOf(start.data.message.usage, null);
        return;
      }
      const delta = anthropicDelta.safeParse(raw);
      if (delta.success && started) complete = anthropicUsageOf(delta.data.usage, started);
    },
    usage: () => complete,
  };
}

/** The OpenAI request bodies we accept (loose: unknown fields pass through untouched). */
import { z } from 'zod';

const tokens = z.number().int().positive().max(10_000_000);

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(z.looseObject({})).optional(),
  tool_call_id: z.string().optional(),
});

const common = {
  model: z.string().min(1).max(256).describe('A configured alias or a provider model id.'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: tokens.nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  user: z.string().max(256).optional(),
};

export const chatCompletionRequestSchema = z.looseObject({
  ...common,
  messages: z.array(chatMessageSchema).min(1),
  max_completion_tokens: tokens.nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  tool_choice: z.unknown().optional(),
  response_format: z
    .looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) })
    .nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export const completionRequestSchema = z.looseObject({
  ...common,
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
  suffix: z.string().nullish().describe('Text after the cursor: fill-in-the-middle.'),
  echo: z.boolean().nullish(),
});
export type CompletionRequest = z.infer<typeof completionRequestSchema>;

const usage = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});

export const chatCompletionResponseSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      message: z.looseObject({ role: z.literal('assistant'), content: z.string().nullable() }),
      finish_reason: z.string().nullable(),
    }),
  ),
  usage: usage.optional(),
});

export const completionResponseSchema = z.looseObject({
  id: z.string(),
  object: z.literal('text_completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({ index: z.number(), text: z.string(), finish_reason: z.string().nullable() }),
  ),
  usage: usage.optional(),
});

export const modelListSchema = z.object({
  object: z.literal('list'),
  data: z.array(
    z.looseObject({
      id: z.string(),
      object: z.literal('model'),
      created: z.number(),
      owned_by: z.string(),
    }),
  ),
});

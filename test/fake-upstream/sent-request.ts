/**
 * Reads what a client sent to a fake upstream, in provider-neutral terms, so one
 * contract test can check OpenAI-format and Anthropic-format request bodies alike.
 */
import { z } from 'zod';

export interface SentRequest {
  model: string;
  maxTokens: number | undefined;
  temperature: number | undefined;
  system: string;
  user: string;
  /** OpenAI format only: `stream_options.include_usage`. */
  includeUsage: boolean | undefined;
}

const textOf = (content: unknown): string =>
  z
    .union([z.string(), z.array(z.object({ text: z.string() }))])
    .transform((c) => (typeof c === 'string' ? c : c.map((p) => p.text).join('')))
    .parse(content);

const messages = z.array(z.object({ role: z.string(), content: z.unknown() }));

const openAIBody = z.looseObject({
  model: z.string(),
  max_tokens: z.number().optional(),
  temperature: z.number().optional(),
  messages,
  stream_options: z.object({ include_usage: z.boolean() }).optional(),
});

const anthropicBody = z.looseObject({
  model: z.string(),
  max_tokens: z.number().optional(),
  temperature: z.number().optional(),
  system: z.unknown(),
  messages,
});

function contentOf(list: z.infer<typeof messages>, role: string): string {
  return textOf(list.find((m) => m.role === role)?.content ?? '');
}

export function readOpenAIRequest(body: unknown): SentRequest {
  const b = openAIBody.parse(body);
  return {
    model: b.model,
    maxTokens: b.max_tokens,
    temperature: b.temperature,
    system: contentOf(b.messages, 'system'),
    user: contentOf(b.messages, 'user'),
    includeUsage: b.stream_options?.include_usage,
  };
}

export function readAnthropicRequest(body: unknown): SentRequest {
  const b = anthropicBody.parse(body);
  return {
    model: b.model,
    maxTokens: b.max_tokens,
    temperature: b.temperature,
    system: textOf(b.system ?? ''),
    user: contentOf(b.messages, 'user'),
    includeUsage: undefined,
  };
}

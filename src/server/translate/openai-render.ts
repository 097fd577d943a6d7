import { randomUUID } from 'node:crypto';
import type { FinishReason, Usage } from '../../gateway/types.js';
import { sseData, type WireRenderer } from './wire-renderer.js';

export function openaiFinish(reason: FinishReason): string {
  if (reason === 'length') return 'length';
  if (reason === 'tool-calls') return 'tool_calls';
  if (reason === 'content-filter') return 'content_filter';
  return 'stop';
}

function usageOf(usage: Usage | null) {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedInputTokens ?? 0 },
  };
}

/** OpenAI chat completions (`chat.completion` JSON and `chat.completion.chunk` SSE). */
export function openaiChatRenderer(model: string, includeUsage: boolean): WireRenderer {
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    sseData({ id, object: 'chat.completion.chunk', created, model, choices, ...extra });
  return {
    json: (result) => ({
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: result.text, refusal: null },
          logprobs: null,
          finish_reason: openaiFinish(result.finishReason),
        },
      ],
      usage: usageOf(result.usage),
    }),
    streamStart: () =>
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    streamText: (text) => chunk([{ index: 0, delta: { content: text }, finish_reason: null }]),
    streamEnd: (finish, usage) =>
      chunk([{ index: 0, delta: {}, finish_reason: openaiFinish(finish) }]) +
      (includeUsage ? chunk([], { usage: usageOf(usage) }) : '') +
      'data: [DONE]\n\n',
    streamError: (body) => sseData(body),
  };
}

import { randomUUID } from 'node:crypto';
import type { FinishReason, Usage } from '../../gateway/types.js';
import { sseEvent, type WireRenderer } from './wire-renderer.js';

export function anthropicStop(reason: FinishReason): string {
  if (reason === 'length') return 'max_tokens';
  if (reason === 'tool-calls') return 'tool_use';
  return 'end_turn';
}

/** Our inputTokens are the total; Anthropic's input_tokens exclude cache reads. */
function usageOf(usage: Usage | null) {
  const cached = usage?.cachedInputTokens ?? 0;
  return {
    input_tokens: (usage?.inputTokens ?? 0) - cached,
    output_tokens: usage?.outputTokens ?? 0,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}

/** Anthropic Messages (`message` JSON and the message_start … message_stop SSE sequence). */
export function anthropicRenderer(model: string): WireRenderer {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const message = (content: unknown[], stop: string | null, usage: Usage | null) => ({
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: usageOf(usage),
  });
  return {
    json: (result) =>
      message(
        [{ type: 'text', text: result.text }],
        anthropicStop(result.finishReason),
        result.usage,
      ),
    streamStart: () =>
      sseEvent('message_start', { type: 'message_start', message: message([], null, null) }) +
      sseEvent('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }),
    streamText: (text) =>
      sseEvent('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      }),
    streamEnd: (finish, usage) =>
      sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      sseEvent('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: anthropicStop(finish), stop_sequence: null },
        usage: usageOf(usage),
      }) +
      sseEvent('message_stop', { type: 'message_stop' }),
    streamError: (body) => sseEvent('error', { type: 'error', error: body.error }),
  };
}

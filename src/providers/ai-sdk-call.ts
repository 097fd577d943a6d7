/**
 * Builds AI SDK (LanguageModelV3) call options from a gateway ModelRequest.
 * Providers call `doGenerate` / `doStream` directly, which never retries: the
 * router is the only retry loop (the equivalent of `maxRetries: 0`).
 */
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ChatMessage, ModelRequest } from '../gateway/types.js';

export function toPrompt(messages: readonly ChatMessage[]): LanguageModelV3Prompt {
  return messages.map((message) =>
    message.role === 'system'
      ? { role: 'system', content: message.content }
      : { role: message.role, content: [{ type: 'text', text: message.content }] },
  );
}

export function buildCallOptions(
  request: ModelRequest,
  abortSignal: AbortSignal,
): LanguageModelV3CallOptions {
  const options: LanguageModelV3CallOptions = { prompt: toPrompt(request.messages), abortSignal };
  if (request.maxOutputTokens !== undefined) options.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) options.stopSequences = request.stop;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.responseFormat === 'json') options.responseFormat = { type: 'json' };
  return options;
}

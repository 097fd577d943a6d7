/**
 * Client bodies → the gateway's ModelRequest. `lenient` (pass-through: only for
 * routing, metering and estimates) flattens anything; `strict` (translation to the
 * other protocol) rejects what our text-only translation cannot carry.
 */
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ChatMessage, ModelRequest } from '../../gateway/types.js';
import type { MessagesRequest } from '../schemas/anthropic.js';
import type { ChatCompletionRequest, CompletionRequest } from '../schemas/openai.js';

export type Mode = 'lenient' | 'strict';

function unsupported(what: string): ShipgateError {
  return new ShipgateError(
    ErrorCode.BadRequest,
    `${what} cannot be translated between the OpenAI and Anthropic protocols; use a model whose provider speaks the client's protocol`,
  );
}

type Parts = string | null | undefined | Array<{ type: string; text?: string | undefined }>;

function textOf(content: Parts, mode: Mode, where: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      if (mode === 'strict') throw unsupported(`a "${part.type}" content part in ${where}`);
      return typeof part.text === 'string' ? part.text : '';
    })
    .join('');
}

function stopList(stop: string | string[] | null | undefined): string[] | undefined {
  if (stop === null || stop === undefined) return undefined;
  return typeof stop === 'string' ? [stop] : stop;
}

function openaiRole(role: ChatCompletionRequest['messages'][number]['role'], mode: Mode) {
  if (role === 'system' || role === 'developer') return 'system' as const;
  if (role === 'user' || role === 'assistant') return role;
  if (mode === 'strict') throw unsupported(`a "${role}" message`);
  return 'user' as const;
}

export function fromChatCompletion(
  body: ChatCompletionRequest,
  mode: Mode,
  caller: string,
): ModelRequest {
  if (mode === 'strict') {
    if (body.tools?.length) throw unsupported('tools');
    if ((body.n ?? 1) > 1) throw unsupported('n > 1');
  }
  const messages: ChatMessage[] = body.messages.map((m, i) => {
    if (mode === 'strict' && m.tool_calls?.length) throw unsupported('assistant tool calls');
    return { role: openaiRole(m.role, mode), content: textOf(m.content, mode, `messages.${i}`) };
  });
  const format = body.response_format?.type;
  return {
    messages,
    model: body.model,
    task: 'chat',
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    temperature: body.temperature ?? undefined,
    topP: body.top_p ?? undefined,
    stop: stopList(body.stop),
    seed: body.seed ?? undefined,
    responseFormat: format === 'json_object' || format === 'json_schema' ? 'json' : undefined,
    caller,
  };
}

export function fromCompletion(body: CompletionRequest, caller: string): ModelRequest {
  const prompt = typeof body.prompt === 'string' ? body.prompt : body.prompt.join('\n');
  const messages: ChatMessage[] = [{ role: 'user', content: prompt }];
  if (body.suffix) messages.push({ role: 'user', content: body.suffix });
  return {
    messages,
    model: body.model,
    task: body.suffix === null || body.suffix === undefined ? 'chat' : 'complete',
    maxOutputTokens: body.max_tokens ?? undefined,
    temperature: body.temperature ?? undefined,
    caller,
  };
}

export function fromMessages(body: MessagesRequest, mode: Mode, caller: string): ModelRequest {
  if (mode === 'strict' && body.tools?.length) throw unsupported('tools');
  const messages: ChatMessage[] = [];
  const system = textOf(body.system, mode, 'system');
  if (system) messages.push({ role: 'system', content: system });
  body.messages.forEach((m, i) =>
    messages.push({ role: m.role, content: textOf(m.content, mode, `messages.${i}`) }),
  );
  return {
    messages,
    model: body.model,
    task: 'chat',
    maxOutputTokens: body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    stop: body.stop_sequences,
    caller,
  };
}

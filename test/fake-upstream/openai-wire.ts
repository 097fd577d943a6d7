/**
 * OpenAI wire shapes for the fake: request parsing, JSON bodies and stream events,
 * filled into the recorded fixtures.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readFixtureObject, readSseData } from './fixtures.js';
import type { PlannedReply } from './reply.js';
import { sseData, type PlannedEvent } from './stream-player.js';
import type { BilledUsage, ReplyContext, Step, WireApi } from './types.js';

const contentSchema = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
]);

const streamFields = {
  model: z.string(),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().optional(),
  max_completion_tokens: z.number().optional(),
};

export const chatRequestSchema = z.looseObject({
  ...streamFields,
  messages: z.array(z.looseObject({ role: z.string(), content: contentSchema.nullish() })),
});

export const completionRequestSchema = z.looseObject({
  ...streamFields,
  prompt: z.union([z.string(), z.array(z.string())]),
  suffix: z.string().nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type CompletionRequest = z.infer<typeof completionRequestSchema>;

function contentText(content: z.infer<typeof contentSchema> | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}

export function chatContext(request: ChatRequest): ReplyContext {
  const texts = request.messages.map((m) => contentText(m.content));
  const lastUser = request.messages.filter((m) => m.role === 'user').at(-1);
  return {
    api: 'openai-chat',
    model: request.model,
    promptText: texts.join('\n'),
    lastUserText: contentText(lastUser?.content),
    stream: request.stream === true,
  };
}

export function completionContext(request: CompletionRequest): ReplyContext {
  const prompt = Array.isArray(request.prompt) ? request.prompt.join('\n') : request.prompt;
  return {
    api: 'openai-completions',
    model: request.model,
    promptText: `${prompt}\n${request.suffix ?? ''}`,
    lastUserText: prompt,
    stream: request.stream === true,
  };
}

export function billedUsage(api: WireApi, model: string, reply: PlannedReply): BilledUsage {
  return {
    api,
    model,
    inputTokens: reply.inputTokens,
    outputTokens: reply.outputTokens,
    cachedInputTokens: reply.cachedTokens,
  };
}

export function usageBody(reply: PlannedReply) {
  return {
    prompt_tokens: reply.inputTokens,
    completion_tokens: reply.outputTokens,
    total_tokens: reply.inputTokens + reply.outputTokens,
    prompt_tokens_details: { cached_tokens: reply.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function responseId(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

export function chatJson(model: string, reply: PlannedReply, step: Step) {
  const template = readFixtureObject('openai-chat-completion.json');
  const body: Record<string, unknown> = {
    ...template,
    id: responseId('chatcmpl'),
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: reply.truncated ? 'length' : 'stop',
      },
    ],
    usage: usageBody(reply),
  };
  if (step.omitUsage) delete body.usage;
  return body;
}

export function completionJson(model: string, reply: PlannedReply, step: Step) {
  const template = readFixtureObject('openai-completion.json');
  const body: Record<string, unknown> = {
    ...template,
    id: responseId('cmpl'),
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        text: reply.text,
        index: 0,
        logprobs: null,
        finish_reason: reply.truncated ? 'length' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: reply.inputTokens,
      completion_tokens: reply.outputTokens,
      total_tokens: reply.inputTokens + reply.outputTokens,
    },
  };
  if (step.omitUsage) delete body.usage;
  return body;
}

interface StreamPlanInput {
  api: WireApi;
  model: string;
  reply: PlannedReply;
  step: Step;
  includeUsage: boolean;
}

/** chat.completion.chunk events: role, one per text chunk, finish, usage?, [DONE]. */
export function chatStreamEvents(input: StreamPlanInput): PlannedEvent[] {
  const [template = {}] = readSseData('openai-chat-stream.sse');
  const base = { ...template, id: responseId('chatcmpl'), created: Math.floor(Date.now() / 1000) };
  const withUsage = input.includeUsage && !input.step.omitUsage;
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    sseData({
      ...base,
      model: input.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
  return [
    { kind: 'meta', sse: chunk({ role: 'assistant', content: '', refusal: null }, null) },
    ...input.reply.chunks.map((text) => ({
      kind: 'text' as const,
      sse: chunk({ content: text }, null),
    })),
    { kind: 'meta', sse: chunk({}, input.reply.truncated ? 'length' : 'stop') },
    ...usageEvent(withUsage, { ...base, model: input.model, choices: [] }, input),
    { kind: 'end', sse: 'data: [DONE]\n\n' },
  ];
}

/** text_completion events: one per text chunk, finish, usage?, [DONE]. */
export function completionStreamEvents(input: StreamPlanInput): PlannedEvent[] {
  const base = {
    id: responseId('cmpl'),
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
  };
  const withUsage = input.includeUsage && !input.step.omitUsage;
  const chunk = (text: string, finish: string | null) =>
    sseData({
      ...base,
      model: input.model,
      choices: [{ text, index: 0, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
  return [
    ...input.reply.chunks.map((text) => ({ kind: 'text' as const, sse: chunk(text, null) })),
    { kind: 'meta', sse: chunk('', input.reply.truncated ? 'length' : 'stop') },
    ...usageEvent(withUsage, { ...base, model: input.model, choices: [] }, input),
    { kind: 'end', sse: 'data: [DONE]\n\n' },
  ];
}

function usageEvent(
  withUsage: boolean,
  base: Record<string, unknown>,
  input: StreamPlanInput,
): PlannedEvent[] {
  if (!withUsage) return [];
  const usage =
    input.api === 'openai-chat'
      ? usageBody(input.reply)
      : {
          prompt_tokens: input.reply.inputTokens,
          completion_tokens: input.reply.outputTokens,
          total_tokens: input.reply.inputTokens + input.reply.outputTokens,
        };
  return [
    {
      kind: 'usage',
      sse: sseData({ ...base, usage }),
      billed: billedUsage(input.api, input.model, input.reply),
    },
  ];
}

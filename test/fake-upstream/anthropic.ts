/**
 * A fake Anthropic upstream: POST /v1/messages (JSON and the real SSE event
 * sequence), GET /v1/models, with scripted faults (see Step). Usage follows
 * Anthropic's split: `input_tokens` excludes `cache_read_input_tokens`.
 */
import { z } from 'zod';
import { readErrorFixtures, readFixtureObject, readSseData } from './fixtures.js';
import { billedUsage, responseId } from './openai-wire.js';
import { preflight, resetJson, sendBilledJson, type ErrorShapes } from './preflight.js';
import { planReply, type PlannedReply } from './reply.js';
import { sendJson, startFakeServer, type Exchange } from './server-core.js';
import { playStream, sseEvent, type PlannedEvent } from './stream-player.js';
import type { FakeOptions, FakeUpstream, ReplyContext, Step } from './types.js';

const contentSchema = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
]);

const messagesRequestSchema = z.looseObject({
  model: z.string(),
  max_tokens: z.number(),
  system: contentSchema.optional(),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant']), content: contentSchema })),
  stream: z.boolean().optional(),
});
type MessagesRequest = z.infer<typeof messagesRequestSchema>;

function contentText(content: z.infer<typeof contentSchema> | undefined): string {
  if (content === undefined) return '';
  return typeof content === 'string' ? content : content.map((p) => p.text ?? '').join('');
}

function replyContext(request: MessagesRequest): ReplyContext {
  const texts = [
    contentText(request.system),
    ...request.messages.map((m) => contentText(m.content)),
  ];
  const lastUser = request.messages.filter((m) => m.role === 'user').at(-1);
  return {
    api: 'anthropic-messages',
    model: request.model,
    promptText: texts.join('\n'),
    lastUserText: contentText(lastUser?.content),
    stream: request.stream === true,
  };
}

function errorShapes(): ErrorShapes {
  const errors = readErrorFixtures('anthropic-errors.json');
  return {
    forStatus: (status) =>
      errors[String(status)] ?? {
        type: 'error',
        error: { type: 'api_error', message: `upstream status ${status}` },
      },
    contextOverflow: errors['400'] ?? {},
    unauthorized: errors['401'] ?? {},
  };
}

function inputUsage(reply: PlannedReply) {
  return {
    input_tokens: reply.inputTokens - reply.cachedTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: reply.cachedTokens,
  };
}

function messageJson(request: MessagesRequest, reply: PlannedReply, step: Step) {
  const body: Record<string, unknown> = {
    ...readFixtureObject('anthropic-message.json'),
    id: responseId('msg'),
    model: request.model,
    content: [{ type: 'text', text: reply.text }],
    stop_reason: reply.truncated ? 'max_tokens' : 'end_turn',
    usage: { ...inputUsage(reply), output_tokens: reply.outputTokens, service_tier: 'standard' },
  };
  if (step.omitUsage) delete body.usage;
  return body;
}

function streamEvents(request: MessagesRequest, reply: PlannedReply, step: Step): PlannedEvent[] {
  const [startTemplate = {}] = readSseData('anthropic-stream.sse');
  const message = { ...z.looseObject({}).parse(startTemplate.message ?? {}) };
  const usage = step.omitUsage ? {} : { usage: { ...inputUsage(reply), output_tokens: 1 } };
  const started = { ...message, id: responseId('msg'), model: request.model, ...usage };
  const delta = { stop_reason: reply.truncated ? 'max_tokens' : 'end_turn', stop_sequence: null };
  const final = step.omitUsage ? {} : { usage: { output_tokens: reply.outputTokens } };
  return [
    { kind: 'meta', sse: sseEvent('message_start', { type: 'message_start', message: started }) },
    {
      kind: 'meta',
      sse: sseEvent('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }),
    },
    { kind: 'meta', sse: sseEvent('ping', { type: 'ping' }) },
    ...reply.chunks.map((text) => ({
      kind: 'text' as const,
      sse: sseEvent('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      }),
    })),
    { kind: 'meta', sse: sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }) },
    {
      kind: step.omitUsage ? 'meta' : 'usage',
      sse: sseEvent('message_delta', { type: 'message_delta', delta, ...final }),
      ...(step.omitUsage
        ? {}
        : { billed: billedUsage('anthropic-messages', request.model, reply) }),
    },
    { kind: 'end', sse: sseEvent('message_stop', { type: 'message_stop' }) },
  ];
}

function messagesRoute(options: FakeOptions) {
  return async (exchange: Exchange): Promise<void> => {
    const parsed = messagesRequestSchema.safeParse(exchange.body);
    if (!parsed.success) {
      const error = { type: 'invalid_request_error', message: parsed.error.message };
      return sendJson(exchange.res, 400, { type: 'error', error });
    }
    const request = parsed.data;
    const step = exchange.takeStep();
    if (await preflight(exchange, step, errorShapes(), options.apiKey)) return;
    const reply = planReply(replyContext(request), step, options, request.max_tokens);
    if (request.stream === true) {
      return playStream(exchange.res, streamEvents(request, reply, step), step, {
        ledger: exchange.ledger,
        produced: exchange.produced,
        usage: billedUsage('anthropic-messages', request.model, reply),
        errorEvent: sseEvent('error', readErrorFixtures('anthropic-errors.json').stream),
        malformedEvent: 'event: content_block_delta\ndata: {"type":"content_block_delta",\n\n',
      });
    }
    const body = messageJson(request, reply, step);
    const text = JSON.stringify(body);
    const produced = billedUsage('anthropic-messages', request.model, reply);
    if (step.malformedJson) {
      exchange.res.writeHead(200).end(text.slice(0, -7));
      return void exchange.produced.push(produced);
    }
    if (step.resetMidStream !== undefined) return resetJson(exchange.res, text);
    await sendBilledJson(exchange, body, step.omitUsage ? undefined : produced, produced);
  };
}

export function startFakeAnthropic(options: FakeOptions = {}): Promise<FakeUpstream> {
  return startFakeServer({
    'POST /v1/messages': messagesRoute(options),
    'GET /v1/models': (exchange) =>
      sendJson(exchange.res, 200, readFixtureObject('anthropic-models.json')),
  });
}

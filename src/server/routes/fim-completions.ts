/**
 * `/v1/completions` with a `suffix`: the completion service answers (templates,
 * context window, post-processing, cache, dedupe, deadline), in the legacy
 * text_completion shape, as JSON or as one SSE chunk then `[DONE]`.
 */
import type { ExchangeReply, ExchangeRequest } from '../http/exchange.js';
import type { CompletionRequest } from '../schemas/openai.js';
import type { ServerDeps } from '../server-deps.js';
import { callerOf } from './inference-target.js';

function stopList(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  return Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : undefined;
}

export async function answerWithSuffix(
  deps: ServerDeps,
  request: ExchangeRequest,
  reply: ExchangeReply,
  body: CompletionRequest & { suffix: string },
): Promise<ExchangeReply> {
  const service = await deps.complete();
  const prompt = Array.isArray(body.prompt) ? (body.prompt[0] as string) : body.prompt;
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : undefined;
  const result = await service.complete(
    {
      prefix: prompt,
      suffix: body.suffix,
      model: body.model,
      maxTokens,
      stop: stopList(body.stop),
    },
    { signal: request.shipgate.abort.signal.asAbortSignal(), caller: callerOf(request) },
  );
  const completion = {
    id: result.id,
    object: 'text_completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: result.model,
    choices: [{ index: 0, text: result.completion, logprobs: null, finish_reason: 'stop' }],
  };
  reply
    .header('x-shipgate-model', result.model)
    .header('x-shipgate-cache', result.cached ? 'hit' : 'miss');
  if (body.stream !== true) return reply.send(completion);
  reply.header('content-type', 'text/event-stream').header('cache-control', 'no-cache');
  return reply.send(`data: ${JSON.stringify(completion)}\n\ndata: [DONE]\n\n`);
}

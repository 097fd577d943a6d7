/**
 * A fake OpenAI upstream: POST /v1/chat/completions, POST /v1/completions (legacy,
 * `suffix` accepted), GET /v1/models, with scripted faults (see Step).
 */
import { readErrorFixtures, readFixtureObject } from './fixtures.js';
import {
  billedUsage,
  chatContext,
  chatJson,
  chatRequestSchema,
  chatStreamEvents,
  completionContext,
  completionJson,
  completionRequestSchema,
  completionStreamEvents,
} from './openai-wire.js';
import { preflight, resetJson, sendBilledJson, type ErrorShapes } from './preflight.js';
import { planReply } from './reply.js';
import { sendJson, startFakeServer, type Exchange } from './server-core.js';
import { playStream, sseData, type PlannedEvent } from './stream-player.js';
import type { FakeOptions, FakeUpstream, ReplyContext, Step } from './types.js';

function errorShapes(): ErrorShapes {
  const errors = readErrorFixtures('openai-errors.json');
  return {
    forStatus: (status) =>
      errors[String(status)] ?? {
        error: {
          message: `upstream status ${status}`,
          type: 'server_error',
          param: null,
          code: null,
        },
      },
    contextOverflow: errors['400'] ?? {},
    unauthorized: errors['401'] ?? {},
  };
}

function badRequest(exchange: Exchange, message: string): Promise<void> {
  return sendJson(exchange.res, 400, {
    error: { message, type: 'invalid_request_error', param: null, code: null },
  });
}

interface Plan {
  ctx: ReplyContext;
  maxTokens: number | undefined;
  json: (step: Step, reply: ReturnType<typeof planReply>) => Record<string, unknown>;
  events: (step: Step, reply: ReturnType<typeof planReply>) => PlannedEvent[];
}

async function serve(exchange: Exchange, plan: Plan, options: FakeOptions): Promise<void> {
  const step = exchange.takeStep();
  if (await preflight(exchange, step, errorShapes(), options.apiKey)) return;
  const reply = planReply(plan.ctx, step, options, plan.maxTokens);
  if (plan.ctx.stream) {
    await playStream(exchange.res, plan.events(step, reply), step, {
      ledger: exchange.ledger,
      produced: exchange.produced,
      usage: billedUsage(plan.ctx.api, plan.ctx.model, reply),
      errorEvent: sseData(readErrorFixtures('openai-errors.json').stream),
      malformedEvent: 'data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":\n\n',
    });
    return;
  }
  const body = plan.json(step, reply);
  const text = JSON.stringify(body);
  const produced = billedUsage(plan.ctx.api, plan.ctx.model, reply);
  if (step.malformedJson) {
    exchange.res.writeHead(200).end(text.slice(0, -7));
    return void exchange.produced.push(produced);
  }
  if (step.resetMidStream !== undefined) return resetJson(exchange.res, text);
  await sendBilledJson(exchange, body, step.omitUsage ? undefined : produced, produced);
}

function chatRoute(options: FakeOptions) {
  return async (exchange: Exchange): Promise<void> => {
    const parsed = chatRequestSchema.safeParse(exchange.body);
    if (!parsed.success) return badRequest(exchange, `invalid request: ${parsed.error.message}`);
    const request = parsed.data;
    const ctx = chatContext(request);
    const includeUsage = request.stream_options?.include_usage === true;
    const common = { api: ctx.api, model: request.model, includeUsage };
    await serve(
      exchange,
      {
        ctx,
        maxTokens: request.max_completion_tokens ?? request.max_tokens,
        json: (step, reply) => chatJson(request.model, reply, step),
        events: (step, reply) => chatStreamEvents({ ...common, step, reply }),
      },
      options,
    );
  };
}

function completionRoute(options: FakeOptions) {
  return async (exchange: Exchange): Promise<void> => {
    const parsed = completionRequestSchema.safeParse(exchange.body);
    if (!parsed.success) return badRequest(exchange, `invalid request: ${parsed.error.message}`);
    const request = parsed.data;
    const ctx = completionContext(request);
    const includeUsage = request.stream_options?.include_usage === true;
    const common = { api: ctx.api, model: request.model, includeUsage };
    await serve(
      exchange,
      {
        ctx,
        maxTokens: request.max_tokens,
        json: (step, reply) => completionJson(request.model, reply, step),
        events: (step, reply) => completionStreamEvents({ ...common, step, reply }),
      },
      options,
    );
  };
}

export function startFakeOpenAI(options: FakeOptions = {}): Promise<FakeUpstream> {
  return startFakeServer({
    'POST /v1/chat/completions': chatRoute(options),
    'POST /v1/completions': completionRoute(options),
    'GET /v1/models': (exchange) =>
      sendJson(exchange.res, 200, readFixtureObject('openai-models.json')),
  });
}

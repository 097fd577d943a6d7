/**
 * Issue 10.1: fallbacks on every /v1 route, decided per attempt. The official SDKs
 * talk to shipgate; the primary fails in each way that must move on (connection
 * refused, 5xx, 429 with a long Retry-After, no headers before the attempt
 * deadline, an error event before any content) and the fallback answers, in the
 * same protocol or across (OpenAI → Anthropic upstream and back), streamed and not.
 */
import Anthropic from '@anthropic-ai/sdk';
import { createServer } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../fake-upstream/index.js';
import { startHarness, type Harness } from './harness.js';

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('fallbacks (issue 10.1)', () => {
  let h: Harness;
  let openai: OpenAI;
  let anthropic: Anthropic;
  beforeAll(async () => {
    const port = await deadPort();
    h = await startHarness({
      config: (fakes) => ({
        providers: {
          openai: { kind: 'openai', baseUrl: fakes.openai.baseUrl, apiKey: 'sk-up-openai' },
          anthropic: {
            kind: 'anthropic',
            baseUrl: fakes.anthropic.baseUrl,
            apiKey: 'sk-up-anthropic',
          },
          dead: { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${port}/v1` },
        },
        models: {
          'gpt-main': { provider: 'openai', model: 'gpt-4o-mini', fallbacks: ['claude-b'] },
          'gpt-same': { provider: 'openai', model: 'gpt-4o-mini', fallbacks: ['gpt-two'] },
          'gpt-two': { provider: 'openai', model: 'gpt-4o' },
          'claude-main': {
            provider: 'anthropic',
            model: 'claude-3-5-haiku-latest',
            fallbacks: ['gpt-two'],
          },
          'claude-b': { provider: 'anthropic', model: 'claude-3-5-sonnet-latest' },
          'dead-main': {
            provider: 'dead',
            model: 'local-model',
            fallbacks: ['claude-b', 'gpt-two'],
          },
        },
        routing: {
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 },
          breaker: { failureThreshold: 1_000 },
          deadlines: { chat: { attemptMs: 400, totalMs: 10_000 } },
        },
      }),
    });
    const url = await h.listen();
    openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-locally', maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: url, apiKey: 'unused-locally', maxRetries: 0 });
    // load the AI SDK providers once, so no attempt deadline below is spent on an import
    const messages = [{ role: 'user' as const, content: 'warm up' }];
    await openai.chat.completions.create({ model: 'claude-b', messages });
    await anthropic.messages.create({ model: 'gpt-two', max_tokens: 8, messages });
  });
  afterAll(() => h.close());

  const ask = [{ role: 'user' as const, content: 'fall back please' }];

  async function openaiCall(model: string, stream: boolean) {
    if (!stream) {
      const { data, response } = await openai.chat.completions
        .create({ model, messages: ask })
        .withResponse();
      return { text: data.choices[0]?.message.content, headers: response.headers };
    }
    const { data, response } = await openai.chat.completions
      .create({ model, messages: ask, stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
    return { text, headers: response.headers };
  }

  async function anthropicCall(model: string, stream: boolean) {
    const { data, response } = await anthropic.messages
      .create({ model, max_tokens: 64, messages: ask, stream })
      .withResponse();
    if (!stream) {
      const message = data as Anthropic.Message;
      const block = message.content[0];
      return { text: block?.type === 'text' ? block.text : '', headers: response.headers };
    }
    let text = '';
    for await (const event of data as AsyncIterable<Anthropic.RawMessageStreamEvent>) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        text += event.delta.text;
    }
    return { text, headers: response.headers };
  }

  const failures: Array<[string, Step[]]> = [
    ['5xx', [{ status: 500 }, { status: 503 }]],
    ['429 with a long Retry-After', [{ status: 429, retryAfter: 60 }]],
    ['no headers before the attempt deadline', [{ hang: true }, { hang: true }]],
    ['an error event before any content', [{ midStreamError: 0 }, { midStreamError: 0 }]],
  ];

  for (const stream of [false, true]) {
    for (const [cause, steps] of failures) {
      if (cause.startsWith('an error event') && !stream) continue;
      it(`OpenAI SDK stream=${stream}: ${cause} on the OpenAI primary → the Anthropic fallback answers`, async () => {
        h.openai.script(...steps);
        const res = await openaiCall('gpt-main', stream);
        expect(res.text).toBe('Echo: fall back please');
        expect(res.headers.get('x-shipgate-model')).toBe('claude-b');
        expect(Number(res.headers.get('x-shipgate-attempts'))).toBe(steps.length + 1);
      });

      it(`Anthropic SDK stream=${stream}: ${cause} on the Anthropic primary → the OpenAI fallback answers`, async () => {
        h.anthropic.script(...steps);
        const res = await anthropicCall('claude-main', stream);
        expect(res.text).toBe('Echo: fall back please');
        expect(res.headers.get('x-shipgate-model')).toBe('gpt-two');
        expect(Number(res.headers.get('x-shipgate-attempts'))).toBe(steps.length + 1);
      });
    }

    it(`OpenAI SDK stream=${stream}: same protocol, 5xx → the OpenAI fallback answers`, async () => {
      h.openai.script({ status: 502 }, { status: 500 });
      const res = await openaiCall('gpt-same', stream);
      expect(res.text).toBe('Echo: fall back please');
      expect(res.headers.get('x-shipgate-model')).toBe('gpt-two');
      const models = h.openai.requests.slice(-3).map((r) => (r.body as { model: string }).model);
      expect(models).toEqual(['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o']);
    });

    it(`Anthropic SDK stream=${stream}: connection refused → the next candidates answer`, async () => {
      const res = await anthropicCall('dead-main', stream);
      expect(res.text).toBe('Echo: fall back please');
      expect(res.headers.get('x-shipgate-model')).toBe('claude-b');
    });
  }

  it('answers 502 naming every attempt’s cause when all candidates fail', async () => {
    h.openai.script({ status: 500 }, { status: 500 });
    h.anthropic.script({ status: 529 }, { status: 529 });
    const error = await openai.chat.completions
      .create({ model: 'gpt-main', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(502);
    expect(apiError.headers?.get('x-shipgate-attempts')).toBe('4');
    expect(apiError.headers?.get('x-shipgate-model')).toBe('claude-b');
    const body = apiError.error as { code: string; attempts: Array<Record<string, unknown>> };
    expect(body.code).toBe('all_attempts_failed');
    expect(body.attempts.map((a) => [a.model, a.status])).toEqual([
      ['gpt-main', 500],
      ['gpt-main', 500],
      ['claude-b', 529],
      ['claude-b', 529],
    ]);
  });

  it('tools cannot be translated: candidates in the other protocol are skipped, not failed', async () => {
    h.openai.script({ status: 500 }, { status: 500 });
    const error = await openai.chat.completions
      .create({
        model: 'gpt-main',
        messages: ask,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      })
      .catch((e: unknown) => e);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(502);
    expect(h.anthropic.requests.filter((r) => r.path === '/v1/messages')).not.toContainEqual(
      expect.objectContaining({ body: expect.objectContaining({ tools: expect.anything() }) }),
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeAnthropic, startFakeOpenAI, type FakeUpstream } from './index.js';

const servers: FakeUpstream[] = [];
async function start(kind: 'openai' | 'anthropic'): Promise<FakeUpstream> {
  const server = kind === 'openai' ? await startFakeOpenAI() : await startFakeAnthropic();
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const sseLines = (text: string, prefix: string) =>
  text.split('\n').filter((line) => line.startsWith(prefix));

describe('fake OpenAI', () => {
  it('lists models', async () => {
    const fake = await start('openai');
    const body = z
      .object({ object: z.literal('list'), data: z.array(z.object({ id: z.string() })) })
      .parse(await (await fetch(`${fake.baseUrl}/models`)).json());
    expect(body.data.map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('answers legacy completions with a suffix, JSON and streamed with usage', async () => {
    const fake = await start('openai');
    const request = {
      model: 'starcoder',
      prompt: 'def add(a, b):',
      suffix: 'return c',
      max_tokens: 3,
    };
    const json = z
      .object({ choices: z.array(z.object({ text: z.string(), finish_reason: z.string() })) })
      .parse(await (await post(`${fake.baseUrl}/completions`, request)).json());
    expect(json.choices[0]).toEqual({ text: 'Echo: def add(a, ', finish_reason: 'length' });
    const streamed = await post(`${fake.baseUrl}/completions`, {
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    const data = sseLines(await streamed.text(), 'data: ');
    expect(data.at(-1)).toBe('data: [DONE]');
    expect(data.at(-2)).toContain('"usage":{"prompt_tokens":5,"completion_tokens":3');
    expect(fake.ledger).toHaveLength(2);
    expect(fake.ledger[1]).toEqual({
      api: 'openai-completions',
      model: 'starcoder',
      inputTokens: 5,
      outputTokens: 3,
      cachedInputTokens: 0,
    });
  });

  it('bills only usage it delivered: none without include_usage, some when cut after it', async () => {
    const fake = await start('openai');
    const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true };
    await (await post(`${fake.baseUrl}/chat/completions`, chat)).text();
    expect(fake.ledger).toEqual([]);
    fake.script({ resetMidStream: 'after-usage' });
    const cut = await post(`${fake.baseUrl}/chat/completions`, {
      ...chat,
      stream_options: { include_usage: true },
    });
    await expect(cut.text()).rejects.toThrow();
    expect(fake.ledger).toHaveLength(1);
  });

  it('consumes the script in order, then answers OK', async () => {
    const fake = await start('openai');
    fake.script({ status: 503 }, { status: 429, retryAfter: 7 });
    const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    const first = await post(`${fake.baseUrl}/chat/completions`, chat);
    const second = await post(`${fake.baseUrl}/chat/completions`, chat);
    const third = await post(`${fake.baseUrl}/chat/completions`, chat);
    expect([first.status, second.status, third.status]).toEqual([503, 429, 200]);
    expect(second.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toMatchObject({ error: { type: 'server_error' } });
  });
});

describe('fake Anthropic', () => {
  it('streams the real event sequence with usage split across events', async () => {
    const fake = await start('anthropic');
    fake.script({ cachedTokens: 2 });
    const response = await post(`${fake.baseUrl}/messages`, {
      model: 'claude-x',
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const text = await response.text();
    expect(sseLines(text, 'event: ').map((l) => l.slice('event: '.length))).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(4).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(text).toContain(
      '"input_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":2',
    );
    expect(text).toContain('"usage":{"output_tokens":4}');
    expect(fake.ledger).toEqual([
      {
        api: 'anthropic-messages',
        model: 'claude-x',
        inputTokens: 3,
        outputTokens: 4,
        cachedInputTokens: 2,
      },
    ]);
  });

  it('answers 529 overloaded in Anthropic error shape and counts abandoned requests', async () => {
    const fake = await start('anthropic');
    fake.script({ status: 529 }, { hang: true });
    const body = { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] };
    const overloaded = await post(`${fake.baseUrl}/messages`, body);
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    const controller = new AbortController();
    const hung = fetch(`${fake.baseUrl}/messages`, {
      method: 'POST',
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    await fake.waitUntil(() => fake.requests.length === 2);
    controller.abort();
    await expect(hung).rejects.toThrow();
    await fake.waitUntil(() => fake.abortedRequests === 1 && fake.closedConnections >= 1);
  });
});

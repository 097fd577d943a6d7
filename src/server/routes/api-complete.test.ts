import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCompletionLog } from '../../complete/completion-log.js';
import { startHarness, type Harness } from '../../../test/server/harness.js';

const resultSchema = z.strictObject({
  id: z.string(),
  completion: z.string(),
  model: z.string(),
  cached: z.boolean(),
  latencyMs: z.number(),
});

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    config: {
      models: {
        coder: { provider: 'openai', model: 'qwen2.5-coder-7b-base' },
        ds: { provider: 'openai', model: 'deepseek-coder-1.3b-base' },
        chatty: { provider: 'openai', model: 'gpt-4o-mini' },
      },
      complete: { deadlineMs: 300 },
      routing: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
      metering: { flushIntervalMs: 10 },
      cache: { persist: false },
    },
  });
});
afterAll(() => h.close());

function lastPrompt(): unknown {
  return (h.openai.requests.at(-1)?.body as { prompt?: unknown } | undefined)?.prompt;
}

async function complete(payload: Record<string, unknown>) {
  const res = await h.app.inject({ method: 'POST', url: '/api/complete', payload });
  return { status: res.statusCode, body: res.json() as unknown };
}

describe('POST /api/complete', () => {
  it('sends the family template upstream and post-processes the answer', async () => {
    h.openai.script({ reply: 'a + b;\n}\n<|endoftext|>junk' });
    const prefix = 'function add(a, b) {\n  return ';
    const { status, body } = await complete({ prefix, suffix: '\n}\n', model: 'coder' });
    expect(status).toBe(200);
    expect(lastPrompt()).toBe(`<|fim_prefix|>${prefix}<|fim_suffix|>\n}\n<|fim_middle|>`);
    const sent = h.openai.requests.at(-1)?.body as { stop: string[]; temperature: number };
    expect(sent.stop.slice(0, 4)).toEqual([
      '<|endoftext|>',
      '<|fim_prefix|>',
      '<|fim_suffix|>',
      '<|fim_middle|>',
    ]);
    expect(sent.temperature).toBe(0);
    const result = resultSchema.parse(body);
    expect(result).toMatchObject({ completion: 'a + b;', model: 'coder', cached: false });
  });

  it('answers the same prefix, and a typed-through one, from the cache', async () => {
    h.openai.script({ reply: 'total + item.price;' });
    const prefix = 'const sum = ';
    const first = resultSchema.parse((await complete({ prefix, suffix: '\n', model: 'ds' })).body);
    expect(lastPrompt()).toBe(
      '<\uFF5Cfim\u2581begin\uFF5C>const sum = <\uFF5Cfim\u2581hole\uFF5C>\n<\uFF5Cfim\u2581end\uFF5C>',
    );
    const upstreamCalls = h.openai.requests.length;
    const again = resultSchema.parse((await complete({ prefix, suffix: '\n', model: 'ds' })).body);
    const typed = resultSchema.parse(
      (await complete({ prefix: `${prefix}total + `, suffix: '\n', model: 'ds' })).body,
    );
    expect(first.completion).toBe('total + item.price;');
    expect(again).toMatchObject({ completion: 'total + item.price;', cached: true });
    expect(typed).toMatchObject({ completion: 'item.price;', cached: true });
    expect(h.openai.requests.length).toBe(upstreamCalls);
  });

  it('shares one upstream call between identical in-flight requests', async () => {
    h.openai.script({ reply: 'shared()', delayMs: 100 });
    const before = h.openai.requests.length;
    const payload = { prefix: 'await ', suffix: '\n', model: 'coder', maxTokens: 17 };
    const [a, b] = await Promise.all([complete(payload), complete(payload)]);
    expect(h.openai.requests.length - before).toBe(1);
    expect(resultSchema.parse(a.body).completion).toBe('shared()');
    expect(resultSchema.parse(b.body).completion).toBe('shared()');
  });

  it('gives up at the complete deadline with a 504', async () => {
    h.openai.script({ hang: true });
    const { status, body } = await complete({ prefix: 'let slow = ', model: 'coder' });
    expect(status).toBe(504);
    expect(body).toMatchObject({ error: { code: 'deadline_exceeded' } });
  });

  it('aborts the upstream call when the client goes away', async () => {
    const base = await h.listen();
    h.openai.script({ hang: true });
    await h.openai.waitUntil(() => h.openai.abortedRequests >= 1); // the deadline test's call
    const aborted = h.openai.abortedRequests;
    const sent = h.openai.requests.length;
    const controller = new AbortController();
    const pending = fetch(`${base}/api/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: 'const cancelled = ', model: 'coder', maxTokens: 9 }),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await h.openai.waitUntil(() => h.openai.requests.length > sent);
    const cut = performance.now();
    controller.abort();
    expect(await pending).toBe('aborted');
    await h.openai.waitUntil(() => h.openai.abortedRequests > aborted, 1_000);
    expect(performance.now() - cut).toBeLessThan(250);
  });

  it('rejects bad input with 400s that say what to fix', async () => {
    const missing = await complete({ suffix: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'bad_request' } });
    expect(JSON.stringify(missing.body)).toContain('prefix');
    const extra = await complete({ prefix: 'x', temperature: 2 });
    expect(extra.status).toBe(400);
    const noTemplate = await complete({ prefix: 'x', model: 'chatty' });
    expect(noTemplate.status).toBe(400);
    expect(JSON.stringify(noTemplate.body)).toContain('models.chatty.fim');
    const unknown = await complete({ prefix: 'x', model: 'nope' });
    expect(unknown.status).toBe(404);
  });
});

describe('POST /api/feedback', () => {
  it('records events; acceptance rates per model and language', async () => {
    h.openai.script({ reply: 'console.log(x);' });
    const served = resultSchema.parse(
      (await complete({ prefix: 'log ', suffix: '\n', model: 'coder', language: 'typescript' }))
        .body,
    );
    const post = (payload: Record<string, unknown>) =>
      h.app.inject({ method: 'POST', url: '/api/feedback', payload });
    expect((await post({ id: served.id, event: 'shown' })).statusCode).toBe(202);
    const ok = await post({ id: served.id, event: 'accepted', acceptedChars: 15 });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toEqual({ recorded: true, storedIn: 'completion_events' });
    expect((await post({ id: 'cmpl-nope', event: 'shown' })).statusCode).toBe(404);
    expect((await post({ id: served.id, event: 'liked' })).statusCode).toBe(400);
    const log = createCompletionLog(h.runtime.store);
    await expect
      .poll(() => log.acceptance(0))
      .toContainEqual({
        model: 'coder',
        language: 'typescript',
        served: 1,
        shown: 1,
        accepted: 1,
        dismissed: 0,
        acceptedChars: 15,
        acceptanceRate: 1,
      });
  });
});

describe('POST /v1/completions with a suffix', () => {
  it('is the completion service, in the text_completion shape', async () => {
    h.openai.script({ reply: 'b);' });
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/completions',
      payload: { model: 'coder', prompt: 'sum(a, ', suffix: ');\n', max_tokens: 16 },
    });
    expect(res.statusCode).toBe(200);
    expect(lastPrompt()).toBe('<|fim_prefix|>sum(a, <|fim_suffix|>);\n<|fim_middle|>');
    expect(res.json()).toMatchObject({
      object: 'text_completion',
      model: 'coder',
      choices: [{ index: 0, text: 'b', finish_reason: 'stop' }],
    });
  });

  it('streams one chunk then [DONE]; without a suffix it still passes through', async () => {
    h.openai.script({ reply: 'x' });
    const streamed = await h.app.inject({
      method: 'POST',
      url: '/v1/completions',
      payload: { model: 'coder', prompt: 'y = ', suffix: '', stream: true },
    });
    expect(streamed.headers['content-type']).toContain('text/event-stream');
    expect(streamed.body.trim().endsWith('data: [DONE]')).toBe(true);
    h.openai.script({ reply: 'plain' });
    const plain = await h.app.inject({
      method: 'POST',
      url: '/v1/completions',
      payload: { model: 'coder', prompt: 'raw' },
    });
    expect(lastPrompt()).toBe('raw');
    expect(plain.json()).toMatchObject({ choices: [{ text: 'plain' }] });
  });
});

/**
 * Issue 10.2 and 9.7 over real sockets: streams cut by the client, by the upstream
 * or by the deadline are metered (counted from what was sent and received, flagged
 * `estimated`), the key's budget sees that spend, and usage an upstream reports with
 * negative or fractional counts is never trusted.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../src/gateway/usage-record.js';
import type { AuthPort, Principal } from '../../src/server/ports.js';
import { startHarness, type Harness } from './harness.js';

/** The server's auth port, recording what each key was charged (the budget's input). */
function recordingAuth(): AuthPort & { charged: number[] } {
  const principal: Principal = { keyId: 'k1', name: 'team-a', role: 'developer' };
  const charged: number[] = [];
  return {
    charged,
    enabled: () => Promise.resolve(true),
    authenticate: (authorization) =>
      Promise.resolve(authorization === 'Bearer sg-test' ? principal : null),
    authorize: () => undefined,
    admit: () => undefined,
    record: (_p, _tokens, costMicros) => void charged.push(costMicros),
  };
}

describe('metering that cannot be dodged (issue 10.2)', () => {
  let h: Harness;
  let url: string;
  const auth = recordingAuth();
  beforeAll(async () => {
    h = await startHarness({
      auth,
      config: {
        routing: {
          retry: { maxAttempts: 1 },
          deadlines: { chat: { attemptMs: 2_000, totalMs: 1_500 } },
        },
      },
    });
    url = await h.listen();
  });
  afterAll(() => h.close());

  async function lastRow(): Promise<UsageRecord> {
    await h.runtime.gateway.meter.flush();
    const [row] = await h.runtime.store.usage.list({ limit: 1 });
    if (!row) throw new Error('no usage row');
    return row;
  }

  function post(route: string, body: Record<string, unknown>, signal?: AbortSignal) {
    return request(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sg-test' },
      body: JSON.stringify(body),
      signal,
    });
  }

  const words = 'one two three four five six seven eight nine ten';
  const chat = (model: string) => ({
    model,
    stream: true,
    messages: [{ role: 'user', content: 'count for me please' }],
  });
  const messages = (model: string) => ({ ...chat(model), max_tokens: 64 });

  function expectEstimated(row: UsageRecord, minOutput: number): void {
    expect(row.estimated).toBe(true);
    expect(row.inputTokens).toBeGreaterThanOrEqual(4); // at least the prompt's words
    expect(row.outputTokens).toBeGreaterThanOrEqual(minOutput);
    expect(row.costMicros).toBeGreaterThan(0);
    expect(auth.charged.at(-1)).toBe(row.costMicros);
  }

  it('a stream the client cuts is metered from what was sent and received', async () => {
    h.openai.script({ reply: words, chunkDelayMs: 60 });
    const controller = new AbortController();
    const res = await post('/v1/chat/completions', chat('fast'), controller.signal);
    const iterator = res.body[Symbol.asyncIterator]();
    let seen = '';
    while (!/three/.test(seen)) seen += String((await iterator.next()).value);
    controller.abort();
    await h.openai.waitUntil(() => h.openai.abortedRequests > 0, 5_000);
    const row = await lastRow();
    expect(row.status).toBe('aborted');
    expectEstimated(row, 3);
  });

  it('a pass-through stream the upstream cuts is metered', async () => {
    h.anthropic.script({ reply: words, resetMidStream: 4 });
    const res = await post('/v1/messages', messages('claude'));
    await res.body.text().catch(() => '');
    const row = await lastRow();
    expect(row.status).not.toBe('ok');
    expectEstimated(row, 4);
  });

  it('a translated stream the upstream cuts is metered', async () => {
    h.anthropic.script({ reply: words, resetMidStream: 3 });
    const res = await post('/v1/chat/completions', chat('claude'));
    await res.body.text().catch(() => '');
    const row = await lastRow();
    expect(row.status).not.toBe('ok');
    expectEstimated(row, 3);
  });

  for (const [how, model] of [
    ['translated', 'claude'],
    ['pass-through', 'fast'],
  ] as const) {
    it(`a ${how} JSON answer the upstream cuts mid-body is metered and charged to the key`, async () => {
      (model === 'claude' ? h.anthropic : h.openai).script({ reply: words, resetMidStream: 1 });
      const res = await post('/v1/chat/completions', { ...chat(model), stream: false });
      await res.body.text().catch(() => '');
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      const row = await lastRow();
      expect(row.status).not.toBe('ok');
      await new Promise((r) => setTimeout(r, 20)); // the charge follows the metering
      expectEstimated(row, 1);
    });
  }

  it('a stream cut by the deadline is metered', async () => {
    h.openai.script({ reply: words, chunkDelayMs: 250 });
    const res = await post('/v1/chat/completions', chat('fast'));
    await res.body.text().catch(() => '');
    const row = await lastRow();
    expect(row.status).toBe('deadline_exceeded');
    expectEstimated(row, 2);
  });

  it('the provider’s usage wins when it arrives, even if the stream is cut after it', async () => {
    h.openai.script({
      reply: words,
      inputTokens: 40,
      outputTokens: 10,
      resetMidStream: 'after-usage',
    });
    const res = await post('/v1/chat/completions', chat('fast'));
    await res.body.text().catch(() => '');
    const row = await lastRow();
    expect(row).toMatchObject({ estimated: false, inputTokens: 40, outputTokens: 10 });
  });

  for (const [route, model, make] of [
    ['/v1/chat/completions', 'fast', chat],
    ['/v1/messages', 'claude', messages],
    ['/v1/chat/completions', 'claude', chat],
    ['/v1/messages', 'fast', messages],
  ] as const) {
    for (const stream of [false, true]) {
      it(`${route} → ${model} stream=${stream}: negative and fractional counts are estimated, never trusted`, async () => {
        for (const step of [
          { inputTokens: -50, outputTokens: 3 },
          { inputTokens: 12.5, outputTokens: 3 },
          { inputTokens: 20, outputTokens: -1 },
        ]) {
          h.openai.script(step);
          h.anthropic.script(step);
          const res = await post(route, { ...make(model), stream });
          expect(res.statusCode).toBe(200);
          await res.body.text();
          const row = await lastRow();
          expect(row.status).toBe('ok');
          expect(row.estimated).toBe(true);
          for (const n of [row.inputTokens, row.outputTokens, row.cachedInputTokens]) {
            expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
          }
          expect(row.inputTokens).toBeGreaterThan(0);
          expect(row.costMicros).toBeGreaterThanOrEqual(0);
        }
      });
    }
  }
});

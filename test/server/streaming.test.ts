import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('streaming over real sockets', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness({ bodyTimeoutMs: 300 });
    url = await h.listen();
  });
  afterAll(() => h.close());

  for (const [route, model, body] of [
    ['/v1/chat/completions', 'fast', { messages: [{ role: 'user', content: 'go' }] }],
    ['/v1/messages', 'claude', { max_tokens: 64, messages: [{ role: 'user', content: 'go' }] }],
  ] as const) {
    it(`forwards ${route} chunks as they arrive, without buffering`, async () => {
      h.openai.script({ reply: 'one two three four five', chunkDelayMs: 80 });
      h.anthropic.script({ reply: 'one two three four five', chunkDelayMs: 80 });
      const res = await request(`${url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, stream: true, ...body }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-shipgate-model']).toBe(model);
      const arrivals: Array<{ at: number; words: string[] }> = [];
      for await (const chunk of res.body) {
        const words = [
          ...String(chunk).matchAll(/"(?:content|text)":"(one|two|three|four|five) ?"/g),
        ].map((m) => m[1] ?? '');
        if (words.length) arrivals.push({ at: performance.now(), words });
      }
      const seen = arrivals.flatMap((a) => a.words);
      expect(seen).toEqual(['one', 'two', 'three', 'four', 'five']);
      // Each word arrived in its own read, paced like the upstream (~80 ms apart).
      expect(arrivals.length).toBe(5);
      const first = arrivals[0]?.at ?? 0;
      const last = arrivals[4]?.at ?? 0;
      expect(last - first).toBeGreaterThan(240);
    });
  }

  it('aborts the upstream request when the client disconnects', async () => {
    const before = h.openai.abortedRequests;
    h.openai.script({ reply: 'a b c d e f g', stallAfterChunks: 2 });
    const controller = new AbortController();
    const res = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'fast',
        stream: true,
        messages: [{ role: 'user', content: 'go' }],
      }),
      signal: controller.signal,
    });
    const iterator = res.body[Symbol.asyncIterator]();
    await iterator.next();
    const cutAt = performance.now();
    controller.abort();
    await h.openai.waitUntil(() => h.openai.abortedRequests > before, 2_000);
    expect(performance.now() - cutAt).toBeLessThan(1_000);
    await h.runtime.gateway.meter.flush();
    const [latest] = await h.runtime.store.usage.list({ limit: 1 });
    expect(latest?.status).toBe('aborted');
  });

  it('answers 408 in the JSON error shape when a body stalls', async () => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(
      'POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"model":',
    );
    let text = '';
    for await (const part of socket) text += String(part);
    expect(text).toMatch(/^HTTP\/1.1 408/);
    expect(text).toContain('"code":"request_timeout"');
  });
});

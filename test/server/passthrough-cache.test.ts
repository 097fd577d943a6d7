import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const ask = (temperature: number, content = 'cache me') => ({
  model: 'fast',
  temperature,
  messages: [{ role: 'user', content }],
});

describe('pass-through cache', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers a repeated deterministic request with the upstream’s own bytes, metered as a hit', async () => {
    const first = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: ask(0),
    });
    const upstreamCalls = h.openai.requests.length;
    const second = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: ask(0),
    });
    expect(first.headers['x-shipgate-cache']).toBe('miss');
    expect(second.headers['x-shipgate-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(h.openai.requests.length).toBe(upstreamCalls);
    await h.runtime.gateway.meter.flush();
    const records = await h.runtime.store.usage.list({ model: 'fast' });
    expect(records.filter((r) => r.cacheHit)).toEqual([
      expect.objectContaining({ costMicros: 0, attempts: 0 }),
    ]);
  });

  it('never caches sampled requests or a different body', async () => {
    const before = h.openai.requests.length;
    const a = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: ask(0.7),
    });
    const b = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: ask(0.7),
    });
    const c = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: ask(0, 'another question'),
    });
    expect([a, b, c].map((r) => r.headers['x-shipgate-cache'])).toEqual(['miss', 'miss', 'miss']);
    expect(h.openai.requests.length).toBe(before + 3);
  });
});

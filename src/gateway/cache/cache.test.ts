import { describe, expect, it } from 'vitest';
import { gatewayFixture } from '../test-support/gateway-fixture.js';
import type { StreamEvent } from '../types.js';
import { cacheKey, isCacheable } from './key.js';
import { ResponseCache, type CachedResponse } from './response-cache.js';

const deterministic = {
  task: 'chat' as const,
  temperature: 0,
  messages: [{ role: 'user' as const, content: 'same question' }],
};

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('response cache', () => {
  it('caches deterministic requests only, unless opted in', () => {
    expect(isCacheable({ ...deterministic })).toBe(true);
    expect(isCacheable({ ...deterministic, temperature: 0.7 })).toBe(false);
    expect(isCacheable({ ...deterministic, temperature: 0.7, cache: true })).toBe(true);
    expect(isCacheable({ ...deterministic, cache: false })).toBe(false);
  });

  it('keys on what changes the answer and on whose answer it is (issue 9.6)', () => {
    expect(cacheKey({ ...deterministic, caller: 'x' })).not.toBe(
      cacheKey({ ...deterministic, caller: 'y' }),
    );
    expect(cacheKey({ ...deterministic, caller: 'x', cache: true })).toBe(
      cacheKey({ ...deterministic, caller: 'x' }),
    );
    expect(cacheKey(deterministic)).not.toBe(cacheKey({ ...deterministic, maxOutputTokens: 10 }));
    expect(cacheKey({ ...deterministic, stop: ['b', 'a'] })).toBe(
      cacheKey({ ...deterministic, stop: ['a', 'b'] }),
    );
  });

  it('serves a hit without calling upstream, at zero cost, and meters the hit', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ reply: 'cached answer' }]);
    const first = await f.gateway.generate(deterministic);
    const second = await f.gateway.generate(deterministic);
    expect(first.cache).toBe('miss');
    expect(second).toMatchObject({
      cache: 'hit',
      text: 'cached answer',
      costMicros: 0,
      attempts: [],
    });
    expect(f.provider.calls).toHaveLength(1);
    await f.gateway.meter.flush();
    expect(f.records.map((r) => r.cacheHit)).toEqual([false, true]);
  });

  it('makes one upstream call for concurrent identical requests (in-flight dedupe)', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ hangMs: 50 }]);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => f.gateway.generate(deterministic)),
    );
    expect(f.provider.calls).toHaveLength(1);
    expect(new Set(results.map((r) => r.text))).toEqual(new Set(['late']));
    expect(results.filter((r) => r.cache === 'hit')).toHaveLength(4);
  });

  it('replays a cached answer as a stream', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ reply: 'x'.repeat(150), chunks: 5 }]);
    const live = await f.gateway.stream(deterministic);
    const liveEvents = await collect(live.events);
    expect(live.cache).toBe('miss');
    const replay = await f.gateway.stream(deterministic);
    const replayEvents = await collect(replay.events);
    expect(replay.cache).toBe('hit');
    const text = (events: StreamEvent[]): string =>
      events.map((e) => (e.type === 'text' ? e.text : '')).join('');
    expect(text(replayEvents)).toBe(text(liveEvents));
    expect(replayEvents.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    expect(replayEvents.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(f.provider.calls).toHaveLength(1);
  });

  it('expires entries after their TTL and evicts the least recently used, by count and by bytes', () => {
    let now = 1_000;
    const entry = (text: string): CachedResponse => ({
      text,
      finishReason: 'stop',
      model: 'a',
      provider: 'p',
      usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, estimated: false },
      createdAt: 0,
    });
    const cache = new ResponseCache({ ttlMs: 100, maxEntries: 2, clock: { now: () => now } });
    cache.store('a', entry('A'));
    cache.store('b', entry('B'));
    now = 1_050;
    expect(cache.lookup('a')).toMatchObject({ text: 'A' });
    cache.store('c', entry('C'));
    expect(cache.lookup('b')).toBeNull();
    expect(cache.lookup('a')).toMatchObject({ text: 'A' });
    now = 1_150;
    expect(cache.lookup('a')).toBeNull();
    // 64 KiB of bytes hold at most a few 10 KB answers, however many entries are allowed
    const bytes = new ResponseCache({
      ttlMs: 1000,
      maxEntries: 1000,
      maxBytes: 64 * 1024,
      clock: { now: () => now },
    });
    for (let i = 0; i < 50; i++) bytes.store(`k${i}`, entry('x'.repeat(5_000)));
    const kept = Array.from({ length: 50 }, (_, i) => bytes.lookup(`k${i}`)).filter(Boolean);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(6);
    expect(bytes.lookup('k49')).not.toBeNull();
  });

  it('keys answers by caller: one tenant never reads another’s', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ reply: 'for alice' }, { reply: 'for bob' }]);
    const alice = await f.gateway.generate({ ...deterministic, caller: 'alice' });
    const bob = await f.gateway.generate({ ...deterministic, caller: 'bob' });
    expect([alice.text, bob.text]).toEqual(['for alice', 'for bob']);
    expect(bob.cache).toBe('miss');
  });
});

import { describe, expect, it } from 'vitest';
import { gatewayFixture } from '../test-support/gateway-fixture.js';
import type { StreamEvent } from '../types.js';
import { cacheKey, isCacheable } from './key.js';
import { MemoryLru } from './memory-lru.js';

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

  it('keys on what changes the answer, not on who asked', () => {
    expect(cacheKey({ ...deterministic, caller: 'x' })).toBe(
      cacheKey({ ...deterministic, caller: 'y' }),
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

  it('expires entries after their TTL and evicts the least recently used', () => {
    const lru = new MemoryLru<string>(2);
    lru.set('a', 'A', 100);
    lru.set('b', 'B', 100);
    expect(lru.get('a', 50)).toBe('A');
    lru.set('c', 'C', 100);
    expect(lru.get('b', 50)).toBeUndefined();
    expect(lru.get('a', 50)).toBe('A');
    expect(lru.get('a', 100)).toBeUndefined();
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import {
  redisCacheBackend,
  storeCacheBackend,
  type CacheBackend,
} from '../../src/gateway/cache/backends.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { createScriptedProvider } from '../../src/gateway/test-support/scripted-provider.js';
import { openStore } from '../../src/store/store.js';

const question = {
  task: 'chat' as const,
  temperature: 0,
  messages: [{ role: 'user' as const, content: 'what is 2+2?' }],
};

/** A fresh gateway process-equivalent: its own memory tier, sharing only `backend`. */
function freshGateway(backend: CacheBackend): { gateway: Gateway; calls: () => number } {
  const config = parseConfig(
    {
      providers: { s: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
      models: { m: { provider: 's', model: 'm-1' } },
      routing: { tasks: { chat: ['m'] } },
    },
    'test',
  );
  const provider = createScriptedProvider('s');
  provider.script.set('m-1', [{ reply: 'four' }]);
  return {
    gateway: new Gateway({ config, providers: new Map([['s', provider]]), cacheBackend: backend }),
    calls: () => provider.calls.length,
  };
}

async function redisAvailable(url: string): Promise<string | null> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    return `Redis at ${url} is unreachable (${(error as Error).message}); the scale-out cache test needs it`;
  } finally {
    probe.disconnect();
  }
}

describe('persistent cache tier, embedded (SQLite)', () => {
  it('a restarted gateway answers from the store without calling upstream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-cache-'));
    try {
      const store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
      const first = freshGateway(storeCacheBackend(store.cache));
      expect((await first.gateway.generate(question)).cache).toBe('miss');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = freshGateway(storeCacheBackend(store.cache));
      const hit = await second.gateway.generate(question);
      expect(hit).toMatchObject({ cache: 'hit', text: 'four' });
      expect(second.calls()).toBe(0);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const redisUrl = 'redis://127.0.0.1:6379';
const redisSkip = await redisAvailable(redisUrl);

describe.skipIf(redisSkip !== null)(
  `persistent cache tier, scale-out (Redis)${redisSkip ? ` — skipped: ${redisSkip}` : ''}`,
  () => {
    const prefix = `shipgate-test-${randomBytes(4).toString('hex')}:`;
    let redis: Redis;
    beforeAll(() => {
      redis = new Redis(redisUrl);
    });
    afterAll(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    it('two gateway instances share answers through Redis, with a native TTL', async () => {
      const a = freshGateway(redisCacheBackend(redis, prefix));
      const b = freshGateway(redisCacheBackend(redis, prefix));
      expect((await a.gateway.generate(question)).cache).toBe('miss');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await b.gateway.generate(question)).toMatchObject({ cache: 'hit', text: 'four' });
      expect(b.calls()).toBe(0);
      const keys = await redis.keys(`${prefix}cache:*`);
      expect(keys).toHaveLength(1);
      const ttl = await redis.pttl(keys[0]!);
      expect(ttl).toBeGreaterThan(3_500_000);
      expect(ttl).toBeLessThanOrEqual(3_600_000);
    });
  },
);

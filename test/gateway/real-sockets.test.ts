import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ErrorCode } from '../../src/errors.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { createProvider } from '../../src/providers/create-provider.js';
import { startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';

const ask = { task: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi there' }] };

function gatewayFor(upstream: FakeUpstream, routing: Record<string, unknown> = {}): Gateway {
  const config = parseConfig(
    {
      providers: { local: { kind: 'openai-compatible', baseUrl: upstream.baseUrl } },
      models: { m: { provider: 'local', model: 'model-m' } },
      routing: { tasks: { chat: ['m'] }, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...routing },
      cache: { enabled: false },
    },
    'test',
  );
  return new Gateway({
    config,
    providers: new Map([['local', createProvider(config.providers.local!)]]),
  });
}

describe('gateway over real sockets', () => {
  let upstream: FakeUpstream | undefined;
  afterEach(async () => upstream?.close());

  it('an aborted caller closes the upstream connection mid-stream', async () => {
    upstream = await startFakeOpenAI();
    upstream.script({ reply: 'one two three four five six', stallAfterChunks: 2 });
    const gateway = gatewayFor(upstream);
    const controller = new AbortController();
    const stream = await gateway.stream(ask, { signal: controller.signal });
    const closedBefore = upstream.closedConnections;
    const consume = async (): Promise<void> => {
      for await (const event of stream.events) if (event.type === 'text') controller.abort();
    };
    await expect(consume()).rejects.toMatchObject({ code: ErrorCode.Aborted });
    await upstream.waitUntil(() => upstream!.closedConnections > closedBefore, 2_000);
    await expect(stream.result).rejects.toMatchObject({ code: ErrorCode.Aborted });
  });

  it('a consumer that stops reading closes the upstream connection', async () => {
    upstream = await startFakeOpenAI();
    upstream.script({ reply: 'one two three four five six', stallAfterChunks: 2 });
    const gateway = gatewayFor(upstream);
    const stream = await gateway.stream(ask);
    const closedBefore = upstream.closedConnections;
    for await (const event of stream.events) {
      if (event.type === 'text') break;
    }
    await upstream.waitUntil(
      () => upstream!.abortedRequests > 0 && upstream!.closedConnections > closedBefore,
      2_000,
    );
  });

  it('an attempt past its deadline is cut at the socket and retried', async () => {
    upstream = await startFakeOpenAI();
    upstream.script({ hang: true }, {});
    const gateway = gatewayFor(upstream, {
      deadlines: { chat: { attemptMs: 150, totalMs: 5_000 } },
    });
    const started = Date.now();
    const result = await gateway.generate(ask);
    expect(result.attempts.map((a) => a.outcome)).toEqual([ErrorCode.UpstreamTimeout, 'ok']);
    expect(Date.now() - started).toBeLessThan(2_000);
    await upstream.waitUntil(() => upstream!.abortedRequests >= 1, 2_000);
  });

  it('the breaker opens on a failing upstream, fails fast, and a half-open probe closes it', async () => {
    upstream = await startFakeOpenAI();
    upstream.script({ status: 503 }, { status: 503 });
    const gateway = gatewayFor(upstream, {
      retry: { maxAttempts: 1 },
      breaker: { failureThreshold: 2, cooldownMs: 200 },
    });
    await expect(gateway.generate(ask)).rejects.toMatchObject({ upstreamStatus: 503 });
    await expect(gateway.generate(ask)).rejects.toMatchObject({ upstreamStatus: 503 });
    const requestsSoFar = upstream.requests.length;
    await expect(gateway.generate(ask)).rejects.toMatchObject({ code: ErrorCode.CircuitOpen });
    expect(upstream.requests.length).toBe(requestsSoFar);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const probe = await gateway.generate(ask);
    expect(probe.text).toContain('hi there');
    expect(gateway.breakers.state('local/model-m')).toBe('closed');
  });

  it('honours Retry-After from a real 429 and then succeeds', async () => {
    upstream = await startFakeOpenAI();
    upstream.script({ status: 429, retryAfter: 1 });
    const gateway = gatewayFor(upstream);
    const started = Date.now();
    const result = await gateway.generate(ask);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.attempts.map((a) => a.outcome)).toEqual([ErrorCode.UpstreamRateLimited, 'ok']);
  });
});

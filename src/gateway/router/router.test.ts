import { describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { gatewayFixture } from '../test-support/gateway-fixture.js';
import { upstreamError, usage } from '../test-support/scripted-provider.js';

const ask = { task: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('router', () => {
  it('retries retryable errors with full-jitter backoff, then succeeds on the same model', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [
      { error: upstreamError(503) },
      { error: upstreamError(500) },
      { reply: 'third time' },
    ]);
    const result = await f.gateway.generate(ask);
    expect(result.text).toBe('third time');
    expect(result.model).toBe('a');
    expect(result.attempts.map((a) => a.outcome)).toEqual([
      'upstream_error',
      'upstream_error',
      'ok',
    ]);
    // random() = 0.5: half of min(max, base × 2^retry) = 50, then 100
    expect(f.sleeps).toEqual([50, 100]);
  });

  it('honours Retry-After instead of its own backoff', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ error: upstreamError(429, 1500) }, { reply: 'ok' }]);
    await f.gateway.generate(ask);
    expect(f.sleeps).toEqual([1500]);
  });

  it('falls back instead of waiting when Retry-After exceeds the cap', async () => {
    const f = gatewayFixture({ routing: { retry: { maxRetryAfterMs: 1000 } } });
    f.provider.script.set('model-a', [{ error: upstreamError(429, 60_000) }]);
    const result = await f.gateway.generate(ask);
    expect(result.model).toBe('b');
    expect(f.sleeps).toEqual([]);
  });

  it('falls back to the next model on context-window overflow without retrying', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [
      { error: new ShipgateError(ErrorCode.ContextOverflow, 'too long') },
    ]);
    const result = await f.gateway.generate(ask);
    expect(result.model).toBe('b');
    expect(f.provider.calls.map((c) => c.model.modelId)).toEqual(['model-a', 'model-b']);
  });

  it('stops at once on a non-retryable error (the caller’s own bad request)', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ error: upstreamError(400) }]);
    await expect(f.gateway.generate(ask)).rejects.toMatchObject({
      code: ErrorCode.UpstreamError,
      upstreamStatus: 400,
    });
    expect(f.provider.calls).toHaveLength(1);
  });

  it('reports every attempt’s cause when all models fail', async () => {
    const f = gatewayFixture({ routing: { retry: { maxAttempts: 2 } } });
    f.provider.script.set('model-a', [
      { error: upstreamError(500) },
      { error: upstreamError(502) },
    ]);
    f.provider.script.set('model-b', [
      { error: upstreamError(503) },
      { error: upstreamError(504) },
    ]);
    const error = await f.gateway.generate(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShipgateError);
    const e = error as ShipgateError;
    expect(e.code).toBe(ErrorCode.AllAttemptsFailed);
    expect(e.details?.attempts).toHaveLength(4);
    expect(e.message).toContain('HTTP 504');
  });

  it('gives up an attempt at its deadline and retries', async () => {
    const f = gatewayFixture({
      routing: { deadlines: { chat: { attemptMs: 50, totalMs: 5000 } } },
    });
    f.provider.script.set('model-a', [{ hangMs: 10_000 }, { reply: 'fast' }]);
    const started = Date.now();
    const result = await f.gateway.generate(ask);
    expect(result.text).toBe('fast');
    expect(result.attempts[0]?.outcome).toBe(ErrorCode.UpstreamTimeout);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ends the whole call at the overall deadline', async () => {
    const f = gatewayFixture({
      routing: { deadlines: { chat: { attemptMs: 5000, totalMs: 80 } } },
    });
    f.provider.script.set('model-a', [{ hangMs: 10_000 }]);
    const started = Date.now();
    await expect(f.gateway.generate(ask)).rejects.toMatchObject({
      code: ErrorCode.DeadlineExceeded,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('opens the breaker after N consecutive failures and skips the model', async () => {
    const f = gatewayFixture({
      routing: { retry: { maxAttempts: 1 }, breaker: { failureThreshold: 2, cooldownMs: 60_000 } },
    });
    f.provider.script.set('model-a', [
      { error: upstreamError(500) },
      { error: upstreamError(500) },
    ]);
    await f.gateway.generate(ask);
    await f.gateway.generate(ask);
    expect(f.gateway.breakers.state('scripted/model-a')).toBe('open');
    f.provider.calls.length = 0;
    const result = await f.gateway.generate(ask);
    expect(result.model).toBe('b');
    expect(f.provider.calls.map((c) => c.model.modelId)).toEqual(['model-b']);
  });

  it('meters cost over every billed attempt at each model’s own price', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [
      { error: new ShipgateError(ErrorCode.ContextOverflow, 'too long') },
    ]);
    f.provider.script.set('model-b', [{ reply: 'ok', usage: usage(1_000_000, 500_000, 200_000) }]);
    const result = await f.gateway.generate(ask);
    // b: 800k uncached × $3 + 200k cached × $0.5 + 500k out × $4 = 2.4 + 0.1 + 2.0 = $4.5
    expect(result.costMicros).toBe(4_500_000);
    await f.gateway.meter.flush();
    expect(f.records).toHaveLength(1);
    expect(f.records[0]).toMatchObject({
      model: 'b',
      attempts: 2,
      costMicros: 4_500_000,
      inputTokens: 1_000_000,
      cachedInputTokens: 200_000,
      estimated: false,
    });
  });

  it('estimates usage with o200k_base only when the upstream sends none, and flags it', async () => {
    const f = gatewayFixture();
    f.provider.script.set('model-a', [{ reply: 'hello there', usage: null }]);
    const result = await f.gateway.generate(ask);
    expect(result.usage).toMatchObject({ estimated: true, outputTokens: 2 });
    expect(result.costMicros).toBeGreaterThanOrEqual(0);
  });
});

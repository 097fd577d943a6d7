import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../gateway/router/attempt.js';
import { createMetrics } from '../metrics/metrics.js';
import { recordCall } from './call-effects.js';

const request = {
  id: 'req-1',
  url: '/v1/chat/completions',
  routeOptions: { url: '/v1/chat/completions' },
  shipgate: { principal: null },
} as unknown as FastifyRequest;

function attempt(model: string, outcome: AttemptRecord['outcome']): AttemptRecord {
  return { model, provider: 'p', startedAt: 0, durationMs: 1, outcome, usage: null };
}

async function fallbacksAfter(attempts: AttemptRecord[]): Promise<string> {
  const metrics = createMetrics();
  recordCall({ metrics }, request, {
    model: { task: 'chat', messages: [{ role: 'user', content: 'hi' }] },
    result: {
      model: attempts.at(-1)?.model ?? 'none',
      provider: 'p',
      usage: null,
      costMicros: 0,
      latencyMs: 1,
      ttftMs: 1,
      attempts,
      cache: 'miss',
    },
  });
  const text = await metrics.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('shipgate_fallbacks_total{'))
    .join('\n');
}

describe('recordCall', () => {
  it('counts a fallback when the call moved to another model', async () => {
    const counted = await fallbacksAfter([attempt('a', 'upstream_error'), attempt('b', 'ok')]);
    expect(counted).toBe('shipgate_fallbacks_total{model="b"} 1');
  });

  it('does not count retries of the same model, or a single attempt, as fallbacks', async () => {
    expect(await fallbacksAfter([attempt('a', 'upstream_error'), attempt('a', 'ok')])).toBe('');
    expect(await fallbacksAfter([attempt('a', 'ok')])).toBe('');
    expect(await fallbacksAfter([])).toBe('');
  });

  it('labels client-chosen model ids `other`: metric cardinality is bounded by the config', async () => {
    const metrics = createMetrics();
    const gateway = { registry: { isKnown: (alias: string) => alias === 'fast' } };
    for (const model of ['fast', 'made-up-1', 'made-up-2', 'made-up-3']) {
      recordCall({ metrics, gateway }, request, {
        model: { task: 'chat', messages: [{ role: 'user', content: 'hi' }] },
        result: {
          model,
          provider: 'p',
          usage: null,
          costMicros: 0,
          latencyMs: 1,
          ttftMs: 1,
          attempts: [attempt(model, 'ok')],
          cache: 'miss',
        },
      });
    }
    const labels = new Set(
      [...(await metrics.text()).matchAll(/^shipgate_\w+\{[^}]*model="([^"]*)"/gm)].map(
        (m) => m[1],
      ),
    );
    expect([...labels].sort()).toEqual(['fast', 'other']);
  });
});

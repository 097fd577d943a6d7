import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../errors.js';
import type { ModelSpec } from '../types.js';
import { systemClock, type AttemptFn } from './attempt.js';
import { BreakerRegistry } from './breaker.js';
import { route, type RouterDeps } from './route.js';

const model: ModelSpec = {
  alias: 'm',
  provider: 'p',
  modelId: 'm',
  contextWindow: 8192,
  capabilities: ['chat'],
  price: null,
  costPerHourMicros: null,
};

const deps: RouterDeps = {
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  breakers: new BreakerRegistry({ failureThreshold: 100, cooldownMs: 1 }, systemClock),
  clock: systemClock,
  random: () => 0.5,
};

/** An attempt that never answers until its signal aborts. */
const hang: AttemptFn<string> = (_model, signal) =>
  new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
  );

describe('route with the caller’s own controller (issue 10.5)', () => {
  it('aborts that controller at the overall deadline, and the call fails with it', async () => {
    const controller = new AbortController();
    const call = route(deps, {
      models: [model],
      deadlines: { attemptMs: 5_000, totalMs: 40 },
      attempt: hang,
      log: [],
      controller,
    });
    await expect(call).rejects.toMatchObject({ code: ErrorCode.DeadlineExceeded });
    expect(controller.signal.aborted).toBe(true);
  });

  it('cancels the attempt when the caller aborts it, and the value reads under its signal', async () => {
    const controller = new AbortController();
    const cancelled = route(deps, {
      models: [model],
      deadlines: { attemptMs: 5_000, totalMs: 5_000 },
      attempt: hang,
      log: [],
      controller,
    });
    controller.abort(new Error('the client went away'));
    await expect(cancelled).rejects.toThrow(/client went away/);

    const own = new AbortController();
    const routed = await route(deps, {
      models: [model],
      deadlines: { attemptMs: 5_000, totalMs: 5_000 },
      attempt: () => Promise.resolve('answer'),
      log: [],
      controller: own,
    });
    expect(routed.signal).toBe(own.signal);
    routed.release();
    expect(own.signal.aborted).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { BreakerRegistry } from './breaker.js';

describe('BreakerRegistry', () => {
  it('opens after N consecutive failures, admits one probe after the cooldown, closes on success', () => {
    let now = 0;
    const breakers = new BreakerRegistry(
      { failureThreshold: 3, cooldownMs: 1000 },
      { now: () => now },
    );
    breakers.failure('k');
    breakers.failure('k');
    breakers.success('k');
    breakers.failure('k');
    breakers.failure('k');
    expect(breakers.state('k')).toBe('closed');
    breakers.failure('k');
    expect(breakers.state('k')).toBe('open');
    expect(breakers.admit('k')).toBe(false);
    now = 1000;
    expect(breakers.state('k')).toBe('half-open');
    expect(breakers.admit('k')).toBe(true);
    expect(breakers.admit('k')).toBe(false);
    breakers.success('k');
    expect(breakers.state('k')).toBe('closed');
  });

  it('re-opens when the half-open probe fails', () => {
    let now = 0;
    const breakers = new BreakerRegistry(
      { failureThreshold: 1, cooldownMs: 10 },
      { now: () => now },
    );
    breakers.failure('k');
    now = 10;
    expect(breakers.admit('k')).toBe(true);
    breakers.failure('k');
    expect(breakers.state('k')).toBe('open');
    expect(breakers.admit('k')).toBe(false);
  });

  it('stays bounded however many model ids clients invent (issue 9.6)', () => {
    const breakers = new BreakerRegistry(
      { failureThreshold: 2, cooldownMs: 1000 },
      { now: () => 0 },
      8,
    );
    for (let i = 0; i < 10_000; i++) {
      breakers.admit(`p/model-${i}`);
      if (i % 2 === 0) breakers.failure(`p/model-${i}`);
      else breakers.success(`p/model-${i}`);
    }
    expect(Object.keys(breakers.snapshot()).length).toBeLessThanOrEqual(8);
    // an open breaker of a recently failing target is still known
    breakers.failure('p/model-9998');
    expect(breakers.state('p/model-9998')).toBe('open');
  });
});

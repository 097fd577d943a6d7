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
});

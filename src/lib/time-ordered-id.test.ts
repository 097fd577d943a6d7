import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './time-ordered-id.js';

const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version-7 UUID with the RFC 9562 variant', () => {
    for (let i = 0; i < 1000; i += 1) expect(timeOrderedUuid()).toMatch(v7);
  });

  it('carries the millisecond time in its first 48 bits', () => {
    const at = Date.UTC(2026, 11, 7, 5, 30, 0, 123);
    const id = timeOrderedUuid(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts as text in time order across milliseconds', () => {
    const ids = [0, 1, 255, 256, 65_535, 1_700_000_000_000, 2 ** 48 - 1].map((t) =>
      timeOrderedUuid(t),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps 74 random bits: 100,000 ids in one millisecond are all distinct', () => {
    const ids = new Set(Array.from({ length: 100_000 }, () => timeOrderedUuid(42)));
    expect(ids.size).toBe(100_000);
  });

  it('clamps times outside 48 bits instead of producing a malformed id', () => {
    expect(timeOrderedUuid(-5).slice(0, 13)).toBe('00000000-0000');
    expect(timeOrderedUuid(2 ** 60).slice(0, 13)).toBe('ffffffff-ffff');
    expect(timeOrderedUuid(Number.NaN)).toMatch(v7);
  });
});

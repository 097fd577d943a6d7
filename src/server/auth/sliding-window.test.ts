import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate, fits, newWindow, roll, waitFor, WINDOW_MS } from './sliding-window.js';

describe('sliding window', () => {
  it('weights the previous minute by the part of it still inside the window', () => {
    const w = newWindow(0);
    w.current = 10;
    roll(w, WINDOW_MS + WINDOW_MS / 4);
    expect(w.previous).toBe(10);
    expect(estimate(w, WINDOW_MS + WINDOW_MS / 4)).toBeCloseTo(7.5);
    roll(w, 3 * WINDOW_MS);
    expect(estimate(w, 3 * WINDOW_MS)).toBe(0); // a skipped minute drops everything
  });

  it('waitFor is the first millisecond at which the cost fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: WINDOW_MS - 1 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (previous, current, offset, limit, rawCost) => {
          const cost = Math.min(rawCost, limit);
          const now = 10 * WINDOW_MS + offset;
          const fitsAt = (t: number): boolean => {
            const w = { start: 10 * WINDOW_MS, previous, current };
            roll(w, t);
            return fits(w, t, cost, limit);
          };
          const wait = waitFor({ start: 10 * WINDOW_MS, previous, current }, now, cost, limit);
          expect(fitsAt(now + wait)).toBe(true);
          if (wait > 0) expect(fitsAt(now + wait - 1)).toBe(false);
        },
      ),
    );
  });
});

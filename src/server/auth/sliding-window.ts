/**
 * A sliding-window counter over one-minute windows (the "weighted previous
 * window" approximation): O(1) memory and time per key, no per-request
 * timestamps. The estimate at time t is previous × (1 − elapsed fraction) + current.
 */
export const WINDOW_MS = 60_000;

export interface SlidingWindow {
  start: number;
  current: number;
  previous: number;
}

export function newWindow(now: number): SlidingWindow {
  return { start: now - (now % WINDOW_MS), current: 0, previous: 0 };
}

/** Moves the window forward to the minute containing `now`. */
export function roll(window: SlidingWindow, now: number): void {
  const start = now - (now % WINDOW_MS);
  if (start === window.start) return;
  window.previous = start - window.start === WINDOW_MS ? window.current : 0;
  window.current = 0;
  window.start = start;
}

export function estimate(window: SlidingWindow, now: number): number {
  const fraction = (now - window.start) / WINDOW_MS;
  return window.previous * (1 - fraction) + window.current;
}

/** True when `cost` more stays within `limit` (tolerating floating-point noise). */
export function fits(window: SlidingWindow, now: number, cost: number, limit: number): boolean {
  return estimate(window, now) + cost <= limit + 1e-9;
}

/**
 * Milliseconds until `cost` more fits under `limit` (0 if it fits now). The
 * caller has rolled the window to `now`. `cost` must not exceed `limit`.
 */
export function waitFor(window: SlidingWindow, now: number, cost: number, limit: number): number {
  const elapsed = now - window.start;
  const room = limit - window.current - cost;
  if (room >= 0) {
    if (window.previous <= room) return 0;
    const fraction = 1 - room / window.previous;
    return Math.max(0, ceilMs(fraction * WINDOW_MS - elapsed));
  }
  // Not this minute: in the next one, `current` becomes the weighted previous.
  const untilNext = WINDOW_MS - elapsed;
  const roomNext = limit - cost;
  if (window.current <= roomNext) return untilNext;
  const fraction = 1 - roomNext / window.current;
  return untilNext + ceilMs(fraction * WINDOW_MS);
}

/** Rounds up to whole milliseconds, ignoring floating-point noise (20000.000000004 → 20000). */
function ceilMs(ms: number): number {
  return Math.ceil(ms - 1e-6);
}

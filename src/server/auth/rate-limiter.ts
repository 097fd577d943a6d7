/**
 * Per-key requests-per-minute and tokens-per-minute limits, in memory (embedded
 * mode). `admit` refuses when the request (1) or its estimated tokens would push
 * the sliding-window estimate over the key's limit; `recordTokens` adds the
 * tokens a call actually used. Scale-out: each process enforces the full limit
 * on its own traffic (docs/auth.md, "Limits in scale-out").
 */
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { Principal } from './principal.js';
import { fits, newWindow, roll, waitFor, type SlidingWindow } from './sliding-window.js';

export interface RateLimiter {
  /** Throws RateLimited (with `retryAfterMs` and `details.resetAt`) or counts the request. */
  admit(principal: Principal, estimatedTokens: number, now: number): void;
  recordTokens(principal: Principal, tokens: number, now: number): void;
  /** Requests refused so far. */
  rejections(): number;
}

interface KeyWindows {
  requests: SlidingWindow;
  tokens: SlidingWindow;
}

type Limit = 'rpm' | 'tpm';

export function createMemoryRateLimiter(): RateLimiter {
  const windows = new Map<string, KeyWindows>();
  let rejected = 0;

  const windowsOf = (principal: Principal, now: number): KeyWindows => {
    let entry = windows.get(principal.keyId);
    if (entry === undefined) {
      entry = { requests: newWindow(now), tokens: newWindow(now) };
      windows.set(principal.keyId, entry);
    }
    roll(entry.requests, now);
    roll(entry.tokens, now);
    return entry;
  };

  const check = (
    principal: Principal,
    limit: Limit,
    window: SlidingWindow,
    cost: number,
    now: number,
  ): void => {
    const max = (limit === 'rpm' ? principal.rpm : principal.tpm) ?? null;
    if (max === null || fits(window, now, cost, max)) return;
    rejected += 1;
    throw rateLimited(
      principal,
      limit,
      max,
      cost > max ? null : waitFor(window, now, cost, max),
      now,
    );
  };

  return {
    admit(principal, estimatedTokens, now) {
      if (principal.rpm == null && principal.tpm == null) return;
      const entry = windowsOf(principal, now);
      check(principal, 'rpm', entry.requests, 1, now);
      check(principal, 'tpm', entry.tokens, Math.max(0, estimatedTokens), now);
      entry.requests.current += 1;
    },
    recordTokens(principal, tokens, now) {
      if (principal.tpm == null || tokens <= 0) return;
      windowsOf(principal, now).tokens.current += tokens;
    },
    rejections: () => rejected,
  };
}

function rateLimited(
  principal: Principal,
  limit: Limit,
  max: number,
  waitMs: number | null,
  now: number,
): ShipgateError {
  const what = limit === 'rpm' ? `${max} requests per minute` : `${max} tokens per minute`;
  if (waitMs === null) {
    return new ShipgateError(
      ErrorCode.RateLimited,
      `this request's estimated tokens exceed API key "${principal.name}"'s limit of ${what}: send a smaller request or raise the key's --tpm`,
      { details: { limit, max, key: principal.name } },
    );
  }
  const retryAfterMs = Math.max(1, waitMs);
  const resetAt = new Date(now + retryAfterMs).toISOString();
  return new ShipgateError(
    ErrorCode.RateLimited,
    `API key "${principal.name}" is over its limit of ${what}; retry after ${resetAt}`,
    {
      retryable: true,
      retryAfterMs,
      details: { limit, max, key: principal.name, resetAt, retryAfterMs },
    },
  );
}

/**
 * Per-key requests-per-minute and tokens-per-minute limits, in memory (embedded
 * mode). `admit` refuses when the request (1) or its estimated tokens would push
 * the sliding-window estimate over the key's limit; `recordTokens` adds the
 * tokens a call actually used. Scale-out (`redis.url`): `createRedisRateLimiter`
 * checks and counts both limits in one Lua script on the shared Redis, so N
 * servers give a key N requests a minute, not N × N (docs/auth.md, "Limits in scale-out").
 */
import type { Redis } from 'ioredis';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { Principal } from './principal.js';
import { fits, newWindow, roll, waitFor, WINDOW_MS, type SlidingWindow } from './sliding-window.js';

export interface RateLimiter {
  /**
   * Throws (or rejects with) RateLimited (with `retryAfterMs` and `details.resetAt`),
   * or counts the request. The in-memory limiter answers synchronously; the Redis one
   * returns a promise.
   */
  admit(principal: Principal, estimatedTokens: number, now: number): void | Promise<void>;
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

/** Where shared limits live: the runtime's Redis connection and the key prefix. */
export interface SharedLimits {
  redis: Pick<Redis, 'eval' | 'incrby' | 'pexpire' | 'get' | 'set'>;
  prefix: string;
  onError?: (error: unknown) => void;
}

/**
 * Both sliding windows (previous × (1 − elapsed fraction) + current) checked and, when
 * the request fits, counted in one atomic step. Returns {0} or {1|2, current, previous}.
 */
const admitScript = `
local f = tonumber(ARGV[1])
local function val(k) return tonumber(redis.call('GET', k) or '0') end
local rl = tonumber(ARGV[2]); local tl = tonumber(ARGV[3]); local tok = tonumber(ARGV[4])
if rl >= 0 then
  local cur = val(KEYS[1]); local prev = val(KEYS[2])
  if prev * (1 - f) + cur + 1 > rl + 1e-9 then return {1, tostring(cur), tostring(prev)} end
end
if tl >= 0 then
  local cur = val(KEYS[3]); local prev = val(KEYS[4])
  if prev * (1 - f) + cur + tok > tl + 1e-9 then return {2, tostring(cur), tostring(prev)} end
end
if rl >= 0 then redis.call('INCR', KEYS[1]); redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
if tl >= 0 and tok > 0 then redis.call('INCRBY', KEYS[3], tok); redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
return {0}
`;

function windowKeys(
  prefix: string,
  principal: Principal,
  limit: Limit,
  start: number,
): [string, string] {
  const base = `${prefix}rl:${principal.keyId}:${limit}`;
  return [`${base}:${start}`, `${base}:${start - WINDOW_MS}`];
}

/**
 * Rate limits shared by every process on one Redis (scale-out). If Redis fails, the
 * request is judged by this process's in-memory limiter instead (never fail open
 * entirely, never block all traffic on a Redis outage) and the error is reported.
 */
export function createRedisRateLimiter(shared: SharedLimits): RateLimiter {
  const local = createMemoryRateLimiter();
  let rejected = 0;
  const admitShared = async (principal: Principal, estimatedTokens: number, now: number) => {
    const start = now - (now % WINDOW_MS);
    const keys = [
      ...windowKeys(shared.prefix, principal, 'rpm', start),
      ...windowKeys(shared.prefix, principal, 'tpm', start),
    ];
    const tokens = Math.max(0, Math.ceil(estimatedTokens));
    const answer = (await shared.redis.eval(
      admitScript,
      4,
      ...keys,
      String((now - start) / WINDOW_MS),
      String(principal.rpm ?? -1),
      String(principal.tpm ?? -1),
      String(tokens),
      String(2 * WINDOW_MS + 1_000),
    )) as [number, string?, string?];
    if (answer[0] === 0) return;
    rejected += 1;
    const limit: Limit = answer[0] === 1 ? 'rpm' : 'tpm';
    const max = (limit === 'rpm' ? principal.rpm : principal.tpm) ?? 0;
    const cost = limit === 'rpm' ? 1 : tokens;
    const window = { start, current: Number(answer[1]), previous: Number(answer[2]) };
    throw rateLimited(
      principal,
      limit,
      max,
      cost > max ? null : waitFor(window, now, cost, max),
      now,
    );
  };
  return {
    async admit(principal, estimatedTokens, now) {
      if (principal.rpm == null && principal.tpm == null) return;
      try {
        await admitShared(principal, estimatedTokens, now);
      } catch (error) {
        if (error instanceof ShipgateError) throw error;
        shared.onError?.(error);
        local.admit(principal, estimatedTokens, now);
      }
    },
    recordTokens(principal, tokens, now) {
      if (principal.tpm == null || tokens <= 0) return;
      const [key] = windowKeys(shared.prefix, principal, 'tpm', now - (now % WINDOW_MS));
      shared.redis
        .incrby(key, Math.ceil(tokens))
        .then(() => shared.redis.pexpire(key, 2 * WINDOW_MS + 1_000))
        .catch((error: unknown) => shared.onError?.(error));
    },
    rejections: () => rejected + local.rejections(),
  };
}

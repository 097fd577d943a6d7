/**
 * A fixed usage data set whose summaries are worked out by hand in
 * usage-contract.ts. 20 `gpt` calls (openai; callers alice = odd i, bob = even i;
 * task complete for i ≤ 5 else chat) and 3 `claude` calls (anthropic, carol, review).
 */
import type { UsageRecord } from '../../gateway/usage-record.js';

export const T0 = 1_700_000_000_000;

export function gptRecord(i: number): UsageRecord {
  return {
    id: `u-gpt-${String(i).padStart(2, '0')}`,
    startedAt: T0 + i * 1000,
    provider: 'openai',
    model: 'gpt',
    task: i <= 5 ? 'complete' : 'chat',
    caller: i % 2 === 1 ? 'alice' : 'bob',
    attempts: i % 10 === 0 ? 3 : 1,
    cacheHit: i % 5 === 0,
    status: i % 10 === 0 ? 'upstream_error' : 'ok',
    latencyMs: i * 10,
    ttftMs: i % 4 === 0 ? null : i * 2,
    inputTokens: 100 * i,
    outputTokens: 10 * i,
    cachedInputTokens: i % 5 === 0 ? 50 : 0,
    costMicros: 1000 * i,
    estimated: i === 3,
  };
}

export function claudeRecord(i: number): UsageRecord {
  return {
    id: `u-claude-${i}`,
    startedAt: T0 + 100_000 + i * 1000,
    provider: 'anthropic',
    model: 'claude',
    task: 'review',
    caller: 'carol',
    attempts: 1,
    cacheHit: false,
    status: 'ok',
    latencyMs: [300, 5, 7.5][i - 1] ?? 0,
    ttftMs: null,
    inputTokens: 1000,
    outputTokens: 5,
    cachedInputTokens: 0,
    costMicros: i,
    estimated: false,
  };
}

/** All 23 records, in a scrambled order so nothing depends on insertion order. */
export function usageFixture(): UsageRecord[] {
  const gpt = Array.from({ length: 20 }, (_, k) => gptRecord(((k * 7) % 20) + 1));
  const claude = [claudeRecord(2), claudeRecord(3), claudeRecord(1)];
  return [...gpt.slice(0, 10), ...claude, ...gpt.slice(10)];
}

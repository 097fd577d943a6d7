/** Usage part of the store contract; expected numbers are worked out by hand from usage-fixture.ts. */
import { expect, it } from 'vitest';
import type { UsageRecord, UsageSummaryRow } from '../../gateway/usage-record.js';
import { USAGE_INSERT_CHUNK } from '../usage-repo.js';
import type { ContractContext } from './store-contract.js';
import { claudeRecord, gptRecord, T0, usageFixture } from './usage-fixture.js';

type Sums = Omit<UsageSummaryRow, 'key'>;

const gpt: Sums = summary(20, 2, 21000, 2100, 200, 210000, 4, 100, 190, 20, 1);
const claude: Sums = summary(3, 0, 3000, 15, 0, 6, 0, 7.5, 300, null, 0);
const alice: Sums = summary(10, 0, 10000, 1000, 100, 100000, 2, 90, 190, 18, 1);
const bob: Sums = summary(10, 2, 11000, 1100, 100, 110000, 2, 100, 200, 20, 0);
const chat: Sums = summary(15, 2, 19500, 1950, 150, 195000, 3, 130, 200, 26, 0);
const complete: Sums = summary(5, 0, 1500, 150, 50, 15000, 1, 30, 50, 4, 1);

export function usageContract(ctx: ContractContext): void {
  const ids = (records: UsageRecord[]) => records.map((r) => r.id);

  it('usage: records round-trip exactly, newest first', async () => {
    const usage = ctx.store().usage;
    await usage.insertMany(usageFixture());
    const all = await usage.list();
    const expected = usageFixture().sort((a, b) => b.startedAt - a.startedAt);
    expect(all).toEqual(expected);
    expect(all[0]).toEqual(claudeRecord(3));
    expect(all.find((r) => r.id === 'u-gpt-20')).toEqual(gptRecord(20)); // null ttft, booleans
  });

  it('usage: inserting the same records again is a no-op', async () => {
    const usage = ctx.store().usage;
    await usage.insertMany(usageFixture());
    await usage.insertMany(usageFixture().slice(0, 5));
    await usage.insertMany([]);
    expect(await usage.list()).toHaveLength(23);
  });

  it('usage: list filters (since inclusive, until exclusive, caller, model, task, limit)', async () => {
    const usage = ctx.store().usage;
    await usage.insertMany(usageFixture());
    const range = await usage.list({ since: T0 + 5000, until: T0 + 10000 });
    expect(ids(range)).toEqual(['u-gpt-09', 'u-gpt-08', 'u-gpt-07', 'u-gpt-06', 'u-gpt-05']);
    expect(ids(await usage.list({ caller: 'carol' }))).toEqual([
      'u-claude-3',
      'u-claude-2',
      'u-claude-1',
    ]);
    expect(ids(await usage.list({ model: 'claude', limit: 2 }))).toEqual([
      'u-claude-3',
      'u-claude-2',
    ]);
    expect(ids(await usage.list({ task: 'complete' }))).toEqual([
      'u-gpt-05',
      'u-gpt-04',
      'u-gpt-03',
      'u-gpt-02',
      'u-gpt-01',
    ]);
    const combined = await usage.list({ caller: 'bob', task: 'chat', limit: 3 });
    expect(ids(combined)).toEqual(['u-gpt-20', 'u-gpt-18', 'u-gpt-16']);
    expect(await usage.list({ caller: 'nobody' })).toEqual([]);
  });

  it('usage: summarize by each groupBy, exact sums and nearest-rank percentiles', async () => {
    const usage = ctx.store().usage;
    await usage.insertMany(usageFixture());
    expect(await usage.summarize({}, 'model')).toEqual([
      { key: 'gpt', ...gpt },
      { key: 'claude', ...claude },
    ]);
    expect(await usage.summarize({}, 'provider')).toEqual([
      { key: 'openai', ...gpt },
      { key: 'anthropic', ...claude },
    ]);
    expect(await usage.summarize({}, 'caller')).toEqual([
      { key: 'bob', ...bob },
      { key: 'alice', ...alice },
      { key: 'carol', ...claude },
    ]);
    expect(await usage.summarize({}, 'task')).toEqual([
      { key: 'chat', ...chat },
      { key: 'complete', ...complete },
      { key: 'review', ...claude },
    ]);
  });

  it('usage: summarize honours the query filters', async () => {
    const usage = ctx.store().usage;
    await usage.insertMany(usageFixture());
    expect(await usage.summarize({ caller: 'alice' }, 'model')).toEqual([{ key: 'gpt', ...alice }]);
    expect(await usage.summarize({ since: T0 + 5000, until: T0 + 10000 }, 'caller')).toEqual([
      { key: 'alice', ...summary(3, 0, 2100, 210, 50, 21000, 1, 70, 90, 14, 0) },
      { key: 'bob', ...summary(2, 0, 1400, 140, 0, 14000, 0, 60, 80, 12, 0) },
    ]);
    expect(await usage.summarize({ caller: 'nobody' }, 'task')).toEqual([]);
  });

  it('usage: bigint-sized values round-trip and sum exactly', async () => {
    const usage = ctx.store().usage;
    const big = (id: string, caller: string, costMicros: number): UsageRecord => ({
      ...gptRecord(1),
      id,
      caller,
      costMicros,
      inputTokens: 2 ** 40 + 3,
    });
    const records = [
      big('max', 'max', Number.MAX_SAFE_INTEGER),
      big('b1', 'pair', 3_000_000_000_001),
      big('b2', 'pair', 4_000_000_000_003),
    ];
    await usage.insertMany(records);
    expect(await usage.list({ caller: 'max' })).toEqual([records[0]]);
    const [max] = await usage.summarize({ caller: 'max' }, 'caller');
    expect(max?.costMicros).toBe(Number.MAX_SAFE_INTEGER);
    const [pair] = await usage.summarize({ caller: 'pair' }, 'caller');
    expect(pair?.costMicros).toBe(7_000_000_000_004);
    expect(pair?.inputTokens).toBe(2 * (2 ** 40 + 3));
  });

  it('usage: large batches are chunked under the parameter limits', async () => {
    const usage = ctx.store().usage;
    const count = USAGE_INSERT_CHUNK * 2 + 500;
    const records = Array.from({ length: count }, (_, i) => ({
      ...gptRecord((i % 20) + 1),
      id: `bulk-${i}`,
      startedAt: T0 + i,
    }));
    await usage.insertMany(records);
    const listed = await usage.list({ since: T0 });
    expect(listed).toHaveLength(count);
    expect(listed[0]?.id).toBe(`bulk-${count - 1}`);
    const [row] = await usage.summarize({}, 'model');
    expect(row?.calls).toBe(count);
  });
}

function summary(
  calls: number,
  failures: number,
  inputTokens: number,
  outputTokens: number,
  cachedInputTokens: number,
  costMicros: number,
  cacheHits: number,
  p50LatencyMs: number,
  p95LatencyMs: number,
  p50TtftMs: number | null,
  estimatedCalls: number,
): Sums {
  return {
    calls,
    failures,
    inputTokens,
    outputTokens,
    cachedInputTokens,
    costMicros,
    cacheHits,
    p50LatencyMs,
    p95LatencyMs,
    p50TtftMs,
    estimatedCalls,
  };
}

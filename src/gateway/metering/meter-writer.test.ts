import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../usage-record.js';
import { MeterWriter } from './meter-writer.js';

function record(i: number): UsageRecord {
  return {
    id: `r${i}`,
    startedAt: i,
    provider: 'p',
    model: 'm',
    task: 'chat',
    caller: 'c',
    attempts: 1,
    cacheHit: false,
    status: 'ok',
    latencyMs: 1,
    ttftMs: 1,
    inputTokens: 1,
    outputTokens: 1,
    cachedInputTokens: 0,
    costMicros: 1,
    estimated: false,
  };
}

describe('MeterWriter', () => {
  it('writes in batches', async () => {
    const written: UsageRecord[][] = [];
    const writer = new MeterWriter(
      { insertMany: async (b) => void written.push(b) },
      { queueSize: 100, batchSize: 10, flushIntervalMs: 1000 },
    );
    for (let i = 0; i < 25; i++) writer.record(record(i));
    await writer.close();
    expect(written.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(writer.stats()).toMatchObject({ written: 25, dropped: 0, queued: 0 });
  });

  it('never blocks and stays bounded while the store is down, counting drops', async () => {
    let down = true;
    const written: UsageRecord[] = [];
    const writer = new MeterWriter(
      {
        insertMany: async (b) => {
          if (down) throw new Error('connection refused');
          written.push(...b);
        },
      },
      { queueSize: 50, batchSize: 10, flushIntervalMs: 1000 },
    );
    const started = performance.now();
    for (let i = 0; i < 1000; i++) writer.record(record(i));
    expect(performance.now() - started).toBeLessThan(50);
    await writer.flush();
    expect(writer.stats().queued).toBeLessThanOrEqual(50);
    expect(writer.stats().dropped).toBe(1000 - writer.stats().queued);
    down = false;
    await writer.close();
    expect(written).toHaveLength(50);
    expect(writer.stats()).toMatchObject({ written: 50, dropped: 950 });
  });

  it('abandons a hung write after its timeout and keeps the batch', async () => {
    const writer = new MeterWriter(
      { insertMany: () => new Promise(() => undefined) },
      { queueSize: 10, batchSize: 5, flushIntervalMs: 1000, writeTimeoutMs: 30 },
    );
    for (let i = 0; i < 5; i++) writer.record(record(i));
    await writer.flush();
    expect(writer.stats()).toMatchObject({ queued: 5, writeFailures: 1 });
  });
});

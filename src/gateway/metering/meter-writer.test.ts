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

  it('queues a copy of each record, and reuses the copies once their batch is written', async () => {
    const written: UsageRecord[][] = [];
    const seen: UsageRecord[][] = [];
    const writer = new MeterWriter(
      {
        insertMany: async (b) => {
          seen.push([...b]);
          written.push(b.map((r) => ({ ...r })));
        },
      },
      { queueSize: 10, batchSize: 2, flushIntervalMs: 1000 },
    );
    const first = record(1);
    writer.record(first);
    first.costMicros = 999; // the caller's object may change: the queued copy does not
    writer.record(record(2));
    await writer.flush();
    writer.record(record(3));
    writer.record(record(4));
    await writer.close();
    expect(written.map((b) => b.map((r) => [r.id, r.costMicros]))).toEqual([
      [
        ['r1', 1],
        ['r2', 1],
      ],
      [
        ['r3', 1],
        ['r4', 1],
      ],
    ]);
    expect(seen[0]).not.toContain(first);
    // the second batch rides in the first batch's objects: no new record per call
    expect(new Set([...(seen[0] ?? []), ...(seen[1] ?? [])]).size).toBe(2);
  });

  it('keeps the copies of a failed batch out of reuse while it waits for a retry', async () => {
    let fail = true;
    const written: string[] = [];
    const writer = new MeterWriter(
      {
        insertMany: async (b) => {
          if (fail) throw new Error('down');
          written.push(...b.map((r) => r.id));
        },
      },
      { queueSize: 10, batchSize: 1, flushIntervalMs: 1000 },
    );
    writer.record(record(1));
    await writer.flush(); // fails: r1 goes back to the queue
    fail = false;
    writer.record(record(2)); // must not land in r1's copy
    await writer.close();
    expect(written).toEqual(['r1', 'r2']);
  });
});

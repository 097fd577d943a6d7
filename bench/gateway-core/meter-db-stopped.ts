import { parseConfig } from '../../src/config/load.js';
import { Gateway } from '../../src/gateway/gateway.js';
import type { ModelRequest } from '../../src/gateway/types.js';
import { immediate } from './router-overhead.js';
import { openStore } from '../../src/store/store.js';
import { createTestDatabase, probePostgres } from '../../src/store/test-support/postgres.js';
import { startStoppableProxy } from './stoppable-proxy.js';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

function rssMb(): number {
  global.gc?.();
  return process.memoryUsage().rss / 1_048_576;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1_048_576;
}

export interface DbStoppedResult {
  mode: 'blackhole' | 'refuse' | 'up';
  calls: number;
  failedCalls: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
  p50CallUs: number;
  meter: { queued: number; written: number; dropped: number; writeFailures: number };
}

/** 10,000 metered calls through the gateway while the Postgres behind the store is gone. */
export async function measureDbStopped(
  mode: 'blackhole' | 'refuse' | 'up',
  calls = 10_000,
): Promise<DbStoppedResult | { skipped: string }> {
  const probe = await probePostgres(adminUrl);
  if (!probe.available) return { skipped: probe.reason };
  const db = await createTestDatabase(adminUrl);
  const proxy = await startStoppableProxy(5432);
  const url = new URL(db.url);
  url.port = String(proxy.port);
  const store = await openStore(url.toString(), { connectTimeoutMs: 1_000 });
  const config = parseConfig(
    {
      providers: { instant: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
      models: { fast: { provider: 'instant', model: 'fast-1', price: { input: 1, output: 2 } } },
      routing: { tasks: { chat: ['fast'] } },
      cache: { enabled: false },
      metering: { queueSize: 10_000 },
    },
    'bench',
  );
  const gateway = new Gateway({
    config,
    providers: new Map([['instant', immediate]]),
    usageSink: store.usage,
    onBackgroundError: () => undefined,
  });
  const request: ModelRequest = {
    task: 'chat',
    messages: [{ role: 'user', content: 'hello' }],
    caller: 'bench',
  };
  // warm up with the database up, so the heap and JIT reach steady state first
  for (let i = 0; i < calls; i++) {
    await gateway.generate(request);
    if (i % 500 === 0) await gateway.meter.flush();
    if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await gateway.meter.flush();
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (mode !== 'up') await proxy.stop(mode);
  const before = rssMb();
  const heapBefore = heapMb();
  let failed = 0;
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await gateway.generate(request).catch(() => failed++);
    times.push(performance.now() - t0);
    // Let the event loop turn, as it does between a server's requests: AbortSignal.any's
    // WeakRefs keep their targets alive until the current job ends (KeepDuringJob), so
    // a loop that never yields would retain every call's signals and measure that.
    if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const after = rssMb();
  const heapGrowthMb = heapMb() - heapBefore;
  const meter = gateway.meter.stats();
  times.sort((a, b) => a - b);
  await Promise.race([gateway.close(), new Promise((r) => setTimeout(r, 2_000))]);
  await Promise.race([store.close(), new Promise((r) => setTimeout(r, 2_000))]);
  await proxy.close();
  await db.dispose();
  return {
    mode,
    calls,
    failedCalls: failed,
    rssBeforeMb: before,
    rssAfterMb: after,
    rssGrowthMb: after - before,
    heapGrowthMb,
    p50CallUs: (times[Math.floor(times.length / 2)] ?? 0) * 1000,
    meter,
  };
}

import { parseConfig } from '../../src/config/load.js';
import { Gateway } from '../../src/gateway/gateway.js';
import type { ModelRequest, Provider, ProviderCall } from '../../src/gateway/types.js';
import { percentile } from './stats.js';

/** A provider that answers at once: what is left to measure is the gateway itself. */
export const immediate: Provider = {
  name: 'instant',
  kind: 'openai-compatible',
  generate: async () => ({
    text: 'ok',
    usage: { inputTokens: 10, outputTokens: 2, cachedInputTokens: 0, estimated: false },
    finishReason: 'stop',
  }),
  async *stream() {
    yield { type: 'text', text: 'ok' };
  },
};

export function benchGateway(cacheEnabled: boolean): Gateway {
  const config = parseConfig(
    {
      providers: { instant: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
      models: { fast: { provider: 'instant', model: 'fast-1', price: { input: 1, output: 2 } } },
      routing: { tasks: { chat: ['fast'] } },
      cache: { enabled: cacheEnabled, maxEntries: 10_000 },
    },
    'bench',
  );
  let written = 0;
  return new Gateway({
    config,
    providers: new Map([['instant', immediate]]),
    usageSink: { insertMany: async (b) => void (written += b.length) },
  });
}

export interface OverheadResult {
  calls: number;
  directP50Us: number;
  routedP50Us: number;
  routedP99Us: number;
  overheadP50Us: number;
}

/** Interleaves direct provider calls and routed calls so both see the same machine load. */
export async function measureRouterOverhead(calls: number): Promise<OverheadResult> {
  const gateway = benchGateway(false);
  const spec = gateway.registry.resolve('fast');
  const request: ModelRequest = {
    task: 'chat',
    messages: [{ role: 'user', content: 'hello' }],
    caller: 'bench',
  };
  const directCall: ProviderCall = { request, model: spec, signal: new AbortController().signal };
  const direct: number[] = [];
  const routed: number[] = [];
  for (let i = 0; i < calls + 2_000; i++) {
    const t0 = performance.now();
    await immediate.generate(directCall);
    const t1 = performance.now();
    await gateway.generate(request);
    const t2 = performance.now();
    if (i >= 2_000) {
      direct.push(t1 - t0);
      routed.push(t2 - t1);
    }
  }
  await gateway.close();
  const directP50 = percentile(direct, 50);
  const routedP50 = percentile(routed, 50);
  return {
    calls,
    directP50Us: directP50 * 1000,
    routedP50Us: routedP50 * 1000,
    routedP99Us: percentile(routed, 99) * 1000,
    overheadP50Us: (routedP50 - directP50) * 1000,
  };
}

export interface CacheHitResult {
  hits: number;
  p50Us: number;
  p99Us: number;
}

/** Time of a cache hit through the whole gateway (memory tier), after one warm-up miss. */
export async function measureCacheHit(hits: number): Promise<CacheHitResult> {
  const gateway = benchGateway(true);
  const request: ModelRequest = {
    task: 'chat',
    temperature: 0,
    messages: [{ role: 'user', content: 'cached question '.repeat(20) }],
    caller: 'bench',
  };
  await gateway.generate(request);
  const times: number[] = [];
  for (let i = 0; i < hits + 2_000; i++) {
    const t0 = performance.now();
    const result = await gateway.generate(request);
    const t1 = performance.now();
    if (result.cache !== 'hit') throw new Error('expected a cache hit');
    if (i >= 2_000) times.push(t1 - t0);
  }
  await gateway.close();
  return { hits, p50Us: percentile(times, 50) * 1000, p99Us: percentile(times, 99) * 1000 };
}

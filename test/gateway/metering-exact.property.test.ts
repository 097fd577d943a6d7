import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { Gateway } from '../../src/gateway/gateway.js';
import type { UsageRecord } from '../../src/gateway/usage-record.js';
import { createProvider } from '../../src/providers/create-provider.js';
import {
  startFakeAnthropic,
  startFakeOpenAI,
  type BilledUsage,
  type FakeUpstream,
  type Step,
} from '../fake-upstream/index.js';

/** Prices in micro-dollars per 1M tokens, as the test's own independent table. */
const prices: Record<string, [number, number, number]> = {
  'model-a': [1_500_000, 2_250_000, 300_000],
  'model-b': [3_000_000, 15_000_000, 300_000],
};

/** Σ tokens × price over usage entries (billed or produced), rounded half up once per call. */
function expectedMicros(billed: BilledUsage[]): number {
  let picos = 0n;
  for (const b of billed) {
    const [pin, pout, pcached] = prices[b.model]!;
    picos +=
      BigInt(b.inputTokens - b.cachedInputTokens) * BigInt(pin) +
      BigInt(b.cachedInputTokens) * BigInt(pcached) +
      BigInt(b.outputTokens) * BigInt(pout);
  }
  return Number((picos + 500_000n) / 1_000_000n);
}

const fault: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({}),
  fc.record({
    cachedTokens: fc.integer({ min: 0, max: 3 }),
    outputTokens: fc.integer({ min: 1, max: 5_000 }),
    inputTokens: fc.integer({ min: 4, max: 90_000 }),
  }),
  fc.constantFrom<Step>(
    { status: 500 },
    { status: 503 },
    { status: 429, retryAfter: 0 },
    { malformedJson: true },
    { contextOverflow: true },
  ),
  fc.constantFrom<Step>(
    { resetMidStream: 1 },
    { resetMidStream: 'after-usage' },
    { truncatedSse: true },
    { midStreamError: 1 },
  ),
);

const call = fc.record({
  stream: fc.boolean(),
  prompt: fc.string({ minLength: 1, maxLength: 40 }),
});

describe('metering is exact (property)', () => {
  function gateway(openai: FakeUpstream, anthropic: FakeUpstream, records: UsageRecord[]): Gateway {
    const config = parseConfig(
      {
        providers: {
          oa: { kind: 'openai-compatible', baseUrl: openai.baseUrl },
          an: { kind: 'anthropic', baseUrl: anthropic.baseUrl, apiKey: 'k' },
        },
        models: {
          a: {
            provider: 'oa',
            model: 'model-a',
            price: { input: 1.5, output: 2.25, cachedInput: 0.3 },
          },
          b: {
            provider: 'an',
            model: 'model-b',
            price: { input: 3, output: 15, cachedInput: 0.3 },
          },
        },
        routing: {
          tasks: { chat: ['a', 'b'] },
          retry: { maxAttempts: 2, baseDelayMs: 0 },
          breaker: { failureThreshold: 1000 },
        },
        cache: { enabled: false },
      },
      'property-test',
    );
    const providers = new Map(
      Object.values(config.providers).map((p) => [p.name, createProvider(p)]),
    );
    return new Gateway({
      config,
      providers,
      usageSink: { insertMany: async (b) => void records.push(...b.map((r) => ({ ...r }))) },
      sleep: async () => undefined,
    });
  }

  const stats = { records: 0, estimated: 0, failed: 0, retried: 0, billedFailed: 0 };
  afterAll(() => console.log('metering property stats', stats));

  it('records, per call, at least what the upstream produced, and exactly what it billed when its usage arrived — streaming and not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fault, { minLength: 4, maxLength: 12 }),
        fc.array(fault, { minLength: 4, maxLength: 12 }),
        fc.array(call, { minLength: 1, maxLength: 5 }),
        async (faultsA, faultsB, calls) => {
          // fresh upstreams per run: no scripted step leaks into the next run
          const openai = await startFakeOpenAI();
          const anthropic = await startFakeAnthropic();
          const records: UsageRecord[] = [];
          const gw = gateway(openai, anthropic, records);
          openai.script(...faultsA);
          anthropic.script(...faultsB);
          const billed: number[] = [];
          const produced: number[] = [];
          for (const c of calls) {
            const before = [
              openai.ledger.length,
              anthropic.ledger.length,
              openai.produced.length,
              anthropic.produced.length,
            ] as const;
            const request = {
              task: 'chat' as const,
              messages: [{ role: 'user' as const, content: c.prompt }],
            };
            try {
              if (c.stream) {
                const s = await gw.stream(request);
                for await (const _ of s.events) void _;
              } else await gw.generate(request);
            } catch {
              // failed calls are metered too
            }
            await Promise.all([
              openai.waitUntil(() => true, 10),
              anthropic.waitUntil(() => true, 10),
            ]).catch(() => undefined);
            // a cut call is counted on a worker: let its record land before the next call's
            await gw.meter.flush();
            billed.push(
              expectedMicros([
                ...openai.ledger.slice(before[0]),
                ...anthropic.ledger.slice(before[1]),
              ]),
            );
            produced.push(
              expectedMicros([
                ...openai.produced.slice(before[2]),
                ...anthropic.produced.slice(before[3]),
              ]),
            );
          }
          await gw.close();
          stats.records += records.length;
          stats.estimated += records.filter((r) => r.estimated).length;
          stats.failed += records.filter((r) => r.status !== 'ok').length;
          stats.retried += records.filter((r) => r.attempts > 1).length;
          stats.billedFailed += records.filter((r) => r.status !== 'ok' && r.costMicros > 0).length;
          expect(records).toHaveLength(calls.length);
          records.forEach((r, i) => {
            // never less than what the upstream produced (cut streams included: issue 10.2)
            expect(r.costMicros, `call ${i}`).toBeGreaterThanOrEqual(produced[i] ?? 0);
            // exactly what it billed whenever every attempt's usage arrived
            if (!r.estimated) expect(r.costMicros, `call ${i}`).toBe(billed[i]);
          });
          await openai.close();
          await anthropic.close();
        },
      ),
      { numRuns: 25 },
    );
    // ~5 s alone; the first estimate waits for the counting worker to build its encoder
  }, 90_000);
});

import { parseConfig, type ShipgateConfig } from '../../config/load.js';
import { Gateway, type GatewayDeps } from '../gateway.js';
import type { UsageRecord } from '../usage-record.js';
import { createScriptedProvider, type ScriptedProvider } from './scripted-provider.js';

export interface GatewayFixture {
  gateway: Gateway;
  provider: ScriptedProvider;
  records: UsageRecord[];
  sleeps: number[];
  config: ShipgateConfig;
}

/** A gateway over one scripted provider with models `a` and `b` ($1/$2 per 1M in/out). */
export function gatewayFixture(
  configInput: Record<string, unknown> = {},
  deps: Partial<GatewayDeps> = {},
): GatewayFixture {
  const config = parseConfig(
    {
      providers: { scripted: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
      models: {
        a: { provider: 'scripted', model: 'model-a', price: { input: 1, output: 2 } },
        b: {
          provider: 'scripted',
          model: 'model-b',
          price: { input: 3, output: 4, cachedInput: 0.5 },
        },
      },
      routing: {
        tasks: { chat: ['a', 'b'] },
        retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
        ...(configInput.routing as object),
      },
      metering: { flushIntervalMs: 10 },
      ...Object.fromEntries(Object.entries(configInput).filter(([k]) => k !== 'routing')),
    },
    'test',
  );
  const provider = createScriptedProvider('scripted');
  const records: UsageRecord[] = [];
  const sleeps: number[] = [];
  const gateway = new Gateway({
    config,
    providers: new Map([['scripted', provider]]),
    // copies: the meter reuses the record objects it hands a sink
    usageSink: { insertMany: async (batch) => void records.push(...batch.map((r) => ({ ...r }))) },
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...deps,
  });
  return { gateway, provider, records, sleeps, config };
}

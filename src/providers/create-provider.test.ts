import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../../test/fake-upstream/index.js';
import type { ResolvedProvider } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { ProviderCall } from '../gateway/types.js';
import { createProvider } from './create-provider.js';

const call: ProviderCall = {
  request: { task: 'complete', messages: [{ role: 'user', content: 'one two' }] },
  signal: new AbortController().signal,
  model: {
    alias: 'local',
    provider: 'local',
    modelId: 'llama-3.2-1b',
    contextWindow: 4096,
    capabilities: ['chat'],
    price: null,
    costPerHourMicros: null,
  },
};

function config(overrides: Partial<ResolvedProvider>): ResolvedProvider {
  return {
    name: 'p',
    kind: 'openai',
    baseUrl: undefined,
    apiKey: undefined,
    headers: {},
    ...overrides,
  };
}

describe('createProvider', () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-right' });
  });
  afterEach(() => fake.close());

  it('builds the provider for each kind', () => {
    for (const kind of ['openai', 'anthropic', 'openai-compatible'] as const) {
      expect(createProvider(config({ kind, name: `n-${kind}` }))).toMatchObject({
        kind,
        name: `n-${kind}`,
      });
    }
  });

  it.each(['openai', 'anthropic'] as const)(
    '%s without an API key fails the call with ConfigInvalid, not retryable',
    async (kind) => {
      const provider = createProvider(config({ kind, baseUrl: fake.baseUrl }));
      const error = await provider.generate(call).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShipgateError);
      expect(error).toMatchObject({ code: ErrorCode.ConfigInvalid, isRetryable: false });
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('openai-compatible needs a base URL but no API key', async () => {
    const missing = createProvider(config({ kind: 'openai-compatible' }));
    await expect(missing.generate(call)).rejects.toMatchObject({ code: ErrorCode.ConfigInvalid });
    const keyless = await startFakeOpenAI();
    try {
      const provider = createProvider(
        config({ kind: 'openai-compatible', baseUrl: keyless.baseUrl }),
      );
      expect((await provider.generate(call)).text).toBe('Echo: one two');
      expect(keyless.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await keyless.close();
    }
  });

  it('sends the API key, and a wrong key is a non-retryable 401', async () => {
    const right = createProvider(config({ baseUrl: fake.baseUrl, apiKey: 'sk-right' }));
    expect((await right.generate(call)).text).toBe('Echo: one two');
    const wrong = createProvider(config({ baseUrl: fake.baseUrl, apiKey: 'sk-wrong' }));
    await expect(wrong.generate(call)).rejects.toMatchObject({
      code: ErrorCode.UpstreamError,
      upstreamStatus: 401,
      isRetryable: false,
    });
  });
});

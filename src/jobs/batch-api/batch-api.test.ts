import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, isShipgateError } from '../../errors.js';
import type { GatewayResult } from '../../gateway/call-result.js';
import type { ModelRequest } from '../../gateway/types.js';
import type { UsageRecord } from '../../gateway/usage-record.js';
import {
  startFakeBatchUpstream,
  type FakeBatchUpstream,
} from '../test-support/fake-batch-upstream.js';
import { batchTestModel } from '../test-support/batch-model.js';
import { createAnthropicBatchBackend } from './anthropic-batch.js';
import { batchBackends } from './backends.js';
import { createBatchCaller, type BatchCallerSettings } from './batch-caller.js';
import { createOpenAIBatchBackend } from './openai-batch.js';
import type { BatchBackend, BatchRequest } from './types.js';

const ask = (text: string): ModelRequest => ({
  task: 'generate',
  messages: [
    { role: 'system', content: 'You write TypeScript.' },
    { role: 'user', content: text },
  ],
  maxOutputTokens: 256,
  temperature: 0.2,
});
const requests: BatchRequest[] = [
  { customId: 'a-1', modelId: 'm', request: ask('add two numbers') },
  { customId: 'a-2', modelId: 'm', request: ask('please FAIL') },
  { customId: 'a-3', modelId: 'm', request: ask('subtract') },
];

async function runToEnd(backend: BatchBackend) {
  const id = await backend.submit(requests);
  while (!(await backend.status(id)).ended) {
    /* the fake ends after two reads */
  }
  return backend.results(id);
}

describe('provider batch backends against a local fake of both wire formats', () => {
  let fake: FakeBatchUpstream;
  beforeAll(async () => (fake = await startFakeBatchUpstream()));
  afterAll(() => fake.close());
  beforeEach(() => {
    Object.assign(fake.settings, { pollsToEnd: 2, expire: false, hold: false, reject: false });
  });
  const target = () => ({ fetch: globalThis.fetch, baseUrl: fake.baseUrl });

  it('OpenAI: uploads the JSONL with purpose batch, creates a 24h batch, maps output and error files back by custom_id', async () => {
    const backend = createOpenAIBatchBackend({
      ...target(),
      headers: { authorization: 'Bearer k' },
    });
    const { items } = await runToEnd(backend);
    expect(fake.log.slice(0, 2)).toEqual(['POST /v1/files', 'POST /v1/batches']);
    expect(fake.created.at(-1)).toMatchObject({
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(fake.uploads.at(-1)?.[0]).toEqual({
      custom_id: 'a-1',
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'm',
        messages: requests[0]?.request.messages,
        max_completion_tokens: 256,
        temperature: 0.2,
      },
    });
    expect(fake.log).toContain(`GET /v1/files/file-out-${fake.batches.at(-1)?.id}/content`);
    expect(fake.headers.at(-1)?.authorization).toBe('Bearer k');
    expect(items.get('a-1')).toMatchObject({
      type: 'succeeded',
      finishReason: 'stop',
      usage: { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 0, estimated: false },
    });
    const failed = items.get('a-2');
    expect(failed?.type).toBe('errored');
    if (failed?.type === 'errored') {
      expect(failed.error.upstreamStatus).toBe(400);
      expect(failed.error.isRetryable).toBe(false);
    }
    expect(items.get('a-3')?.type).toBe('succeeded');
  });

  it('Anthropic: posts requests[{custom_id, params}] and reads results_url (succeeded / errored)', async () => {
    const backend = createAnthropicBatchBackend({ ...target(), headers: { 'x-api-key': 'k' } });
    const { items } = await runToEnd(backend);
    const created = fake.created.at(-1) as { requests: { custom_id: string; params: unknown }[] };
    expect(created.requests[0]).toEqual({
      custom_id: 'a-1',
      params: {
        model: 'm',
        max_tokens: 256,
        system: 'You write TypeScript.',
        messages: [{ role: 'user', content: 'add two numbers' }],
        temperature: 0.2,
      },
    });
    expect(fake.headers.at(-1)?.['anthropic-version']).toBe('2023-06-01');
    expect(fake.headers.at(-1)?.['x-api-key']).toBe('k');
    expect(items.get('a-1')).toMatchObject({
      type: 'succeeded',
      usage: { inputTokens: 1000, outputTokens: 500 },
    });
    expect(items.get('a-2')?.type).toBe('errored');
    expect(items.get('a-3')?.type).toBe('succeeded');
  });

  it('an expired batch: every request comes back expired, in both formats', async () => {
    fake.settings.expire = true;
    for (const backend of [
      createOpenAIBatchBackend({ ...target(), headers: {} }),
      createAnthropicBatchBackend({ ...target(), headers: {} }),
    ]) {
      const { items, missing } = await runToEnd(backend);
      for (const r of requests) expect((items.get(r.customId) ?? missing).type).toBe('expired');
    }
  });

  it('OpenAI: a batch that failed validation answers every request with its reasons, not retryable', async () => {
    fake.settings.reject = true;
    const { items, missing } = await runToEnd(
      createOpenAIBatchBackend({ ...target(), headers: {} }),
    );
    expect(items.size).toBe(0);
    expect(missing.type).toBe('errored');
    if (missing.type === 'errored') {
      expect(missing.error.message).toMatch(/ended failed .*model gpt-x is not available/);
      expect(missing.error.isRetryable).toBe(false);
    }
  });

  it('config: openai and anthropic providers get a backend, openai-compatible only when listed, embedded never', () => {
    const p = (name: string, kind: 'openai' | 'anthropic' | 'openai-compatible' | 'embedded') => ({
      name,
      kind,
      baseUrl: kind === 'embedded' ? undefined : 'http://127.0.0.1:1/v1',
      apiKey: 'k',
      headers: {},
    });
    const providers = {
      oai: p('oai', 'openai'),
      ant: p('ant', 'anthropic'),
      vllm: p('vllm', 'openai-compatible'),
      llama: p('llama', 'openai-compatible'),
      local: p('local', 'embedded'),
    };
    const names = (list: string[]) => [
      ...batchBackends(providers, { enabled: true, openaiCompatible: list }).keys(),
    ];
    expect(names([])).toEqual(['oai', 'ant']);
    expect(names(['vllm'])).toEqual(['oai', 'ant', 'vllm']);
    expect([...batchBackends(providers, { enabled: false, openaiCompatible: [] }).keys()]).toEqual(
      [],
    );
    expect(() => names(['local'])).toThrow(/jobs\.batchApi\.openaiCompatible names "local"/);
  });
});

describe('the batch caller: grouping, metering at the discount, deadline, cancellation', () => {
  let fake: FakeBatchUpstream;
  beforeAll(async () => (fake = await startFakeBatchUpstream()));
  afterAll(() => fake.close());
  beforeEach(() => {
    Object.assign(fake.settings, { pollsToEnd: 2, expire: false, hold: false, reject: false });
  });

  const model = batchTestModel;
  const settings: BatchCallerSettings = {
    pollMs: 10,
    deadlineMs: 5_000,
    collectMs: 30,
    maxRequests: 100,
    discount: 0.5,
    onTimeout: 'run-now',
  };
  function setup(overrides: Partial<BatchCallerSettings> = {}, provider = 'oai') {
    const records: UsageRecord[] = [];
    const direct: ModelRequest[] = [];
    const gateway = {
      registry: { candidates: () => [{ ...model, provider }] },
      meter: { record: (r: UsageRecord) => void records.push(r) },
      generate: async (request: ModelRequest) => {
        direct.push(request);
        return { text: 'now', costMicros: 6_000 } as GatewayResult;
      },
    };
    const backends = new Map<string, BatchBackend>([
      ['oai', createOpenAIBatchBackend({ fetch, baseUrl: fake.baseUrl, headers: {} })],
      ['ant', createAnthropicBatchBackend({ fetch, baseUrl: fake.baseUrl, headers: {} })],
    ]);
    const caller = createBatchCaller({
      gateway,
      backends,
      settings: { ...settings, ...overrides },
    });
    return { caller, records, direct };
  }

  it('concurrent calls share one provider batch; each is metered at half price; a failing item throws its own error', async () => {
    for (const provider of ['oai', 'ant']) {
      const before = fake.batches.length;
      const { caller, records } = setup({}, provider);
      const outcomes = await Promise.allSettled([
        caller.generate({ ...ask('one'), caller: 'ci' }),
        caller.generate(ask('FAIL two')),
        caller.generate(ask('three')),
      ]);
      expect(fake.batches.length).toBe(before + 1);
      expect(fake.batches.at(-1)?.requests).toHaveLength(3);
      const [one, two, three] = outcomes;
      expect(one?.status).toBe('fulfilled');
      expect(three?.status).toBe('fulfilled');
      if (one?.status === 'fulfilled') {
        expect(one.value.text).toContain('export function add');
        expect(one.value.costMicros).toBe(3_000); // $0.006 × 0.5
      }
      expect(two?.status).toBe('rejected');
      if (two?.status === 'rejected' && isShipgateError(two.reason))
        expect(two.reason.upstreamStatus).toBe(400);
      expect(records.map((r) => [r.status, r.costMicros, r.inputTokens])).toEqual(
        expect.arrayContaining([
          ['ok', 3_000, 1_000],
          ['ok', 3_000, 1_000],
          [ErrorCode.UpstreamError, 0, 0],
        ]),
      );
      expect(records.find((r) => r.caller === 'ci')).toMatchObject({ model: 'coder', provider });
    }
  });

  it('an expired batch runs the call now (onTimeout run-now) or fails it (onTimeout fail)', async () => {
    fake.settings.expire = true;
    const now = setup();
    expect((await now.caller.generate(ask('x'))).text).toBe('now');
    expect(now.direct).toHaveLength(1);
    const strict = setup({ onTimeout: 'fail' });
    await expect(strict.caller.generate(ask('x'))).rejects.toMatchObject({
      code: ErrorCode.DeadlineExceeded,
    });
    expect(strict.direct).toHaveLength(0);
  });

  it('an item the provider answers overloaded runs now through the gateway (run-now) or fails the attempt (fail)', async () => {
    for (const provider of ['oai', 'ant']) {
      const now = setup({}, provider);
      expect((await now.caller.generate(ask('OVERLOAD please'))).text).toBe('now');
      expect(now.direct).toHaveLength(1);
      expect(now.records.map((r) => r.costMicros)).toEqual([0]); // the failed batch item costs nothing
      const strict = setup({ onTimeout: 'fail' }, provider);
      const failure = await strict.caller.generate(ask('OVERLOAD please')).catch((e: unknown) => e);
      expect(isShipgateError(failure) && failure.isRetryable).toBe(true);
      expect(strict.direct).toHaveLength(0);
    }
  });

  it('a batch API that fails with 5xx runs the call now (run-now); a 400 item is final either way', async () => {
    const broken = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'batch service unavailable' } }));
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = broken.address() as AddressInfo;
      const direct: ModelRequest[] = [];
      const caller = createBatchCaller({
        gateway: {
          registry: { candidates: () => [model] },
          meter: { record: () => undefined },
          generate: async (request) => {
            direct.push(request);
            return { text: 'now' } as GatewayResult;
          },
        },
        backends: new Map([
          [
            'oai',
            createOpenAIBatchBackend({
              fetch,
              baseUrl: `http://127.0.0.1:${port}/v1`,
              headers: {},
            }),
          ],
        ]),
        settings,
      });
      expect((await caller.generate(ask('x'))).text).toBe('now');
      expect(direct).toHaveLength(1);
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
    const { caller, direct } = setup();
    await expect(caller.generate(ask('FAIL'))).rejects.toMatchObject({ upstreamStatus: 400 });
    expect(direct).toHaveLength(0);
  });

  it('a batch past deadlineMs is cancelled at the provider', async () => {
    fake.settings.hold = true;
    const { caller, direct } = setup({ deadlineMs: 150 });
    expect((await caller.generate(ask('slow'))).text).toBe('now');
    expect(fake.cancelled).toContain(fake.batches.at(-1)?.id);
    expect(direct).toHaveLength(1);
  });

  it('when every waiting call is aborted (its job cancelled) the provider batch is cancelled', async () => {
    fake.settings.hold = true;
    for (const provider of ['oai', 'ant']) {
      const { caller } = setup({}, provider);
      const a = new AbortController();
      const b = new AbortController();
      const calls = [
        caller.generate(ask('one'), { signal: a.signal }),
        caller.generate(ask('two'), { signal: b.signal }),
      ];
      const submitted = fake.batches.length;
      await expect.poll(() => fake.batches.length).toBe(submitted + 1);
      const id = fake.batches.at(-1)?.id;
      a.abort(new Error('cancelled'));
      await expect(calls[0]).rejects.toThrow('cancelled');
      await new Promise((r) => setTimeout(r, 50));
      expect(fake.cancelled).not.toContain(id); // the other job still waits
      b.abort(new Error('cancelled'));
      await expect(calls[1]).rejects.toThrow('cancelled');
      await expect.poll(() => fake.cancelled).toContain(id);
    }
  });

  it('a call aborted before its group is submitted just drops out; the others still get answers', async () => {
    const { caller } = setup({ collectMs: 80 });
    const gone = new AbortController();
    const first = caller.generate(ask('one'), { signal: gone.signal });
    gone.abort(new Error('cancelled'));
    await expect(first).rejects.toThrow('cancelled');
    const before = fake.batches.length;
    const second = await caller.generate(ask('two'));
    expect(second.text).toContain('export function add');
    expect(fake.batches.at(-1)?.requests).toHaveLength(1);
    expect(fake.batches.length).toBe(before + 1);
  });

  it('a provider without a batch API (none configured, or 404 on submission) runs the call now', async () => {
    const { caller, direct } = setup({}, 'local');
    expect((await caller.generate(ask('x'))).text).toBe('now');
    const missing = createBatchCaller({
      gateway: {
        registry: { candidates: () => [model] },
        meter: { record: () => undefined },
        generate: async () => ({ text: 'now' }) as GatewayResult,
      },
      backends: new Map([
        [
          'oai',
          createOpenAIBatchBackend({ fetch, baseUrl: `${fake.baseUrl}/nothing`, headers: {} }),
        ],
      ]),
      settings,
    });
    expect((await missing.generate(ask('x'))).text).toBe('now');
    expect(direct).toHaveLength(1);
  });
});

/**
 * One contract, run against every provider kind and its fake upstream (real local
 * HTTP servers speaking the real wire formats, see test/fake-upstream).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractTargets } from '../../test/fake-upstream/contract-targets.js';
import { replayFixture, type FakeUpstream } from '../../test/fake-upstream/index.js';
import type { ResolvedProvider } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { ModelRequest, Provider, ProviderCall, StreamEvent } from '../gateway/types.js';
import { createProvider } from './create-provider.js';

const request: ModelRequest = {
  task: 'chat',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'hello there world' },
  ],
  maxOutputTokens: 64,
  temperature: 0.25,
};
/** The fakes count whitespace words: 3 system + 3 user in, 4 reply chunks out. */
const replyChunks = ['Echo: ', 'hello ', 'there ', 'world'];
const expectedUsage = { inputTokens: 6, outputTokens: 4, cachedInputTokens: 0, estimated: false };

interface Collected {
  events: StreamEvent[];
  texts: string[];
  error: ShipgateError | undefined;
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<Collected> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    if (!(error instanceof ShipgateError)) throw error;
    return { events, texts: texts(events), error };
  }
  return { events, texts: texts(events), error: undefined };
}

function texts(events: StreamEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
}

async function rejection(promise: Promise<unknown>): Promise<ShipgateError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShipgateError);
  return error as ShipgateError;
}

describe.each(contractTargets)('provider contract: $kind', (target) => {
  let fake: FakeUpstream;
  let provider: Provider;
  const call = (signal = new AbortController().signal): ProviderCall => ({
    request,
    signal,
    model: {
      alias: 'test',
      provider: target.kind,
      modelId: target.modelId,
      contextWindow: 8192,
      capabilities: ['chat'],
      price: null,
      costPerHourMicros: null,
    },
  });

  beforeEach(async () => {
    fake = await target.start();
    const config: ResolvedProvider = {
      name: `test-${target.kind}`,
      kind: target.kind,
      baseUrl: fake.baseUrl,
      apiKey: 'sk-test',
      headers: { 'x-test-header': 'yes' },
    };
    provider = createProvider(config);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('generates text with the exact usage the upstream reported', async () => {
    const output = await provider.generate(call());
    expect(output).toEqual({
      text: replyChunks.join(''),
      usage: expectedUsage,
      finishReason: 'stop',
    });
    expect(fake.ledger).toMatchObject([{ inputTokens: 6, outputTokens: 4, cachedInputTokens: 0 }]);
    expect(provider.kind).toBe(target.kind);
  });

  it('maps recorded upstream responses (fixtures replayed verbatim)', async () => {
    fake.script(replayFixture(target.recorded.json), replayFixture(target.recorded.stream));
    expect(await provider.generate(call())).toEqual(target.recorded.jsonOutput);
    expect(await collect(provider.stream(call()))).toMatchObject({
      events: target.recorded.streamEvents,
      error: undefined,
    });
  });

  it('sends the model id, messages, max tokens, temperature and headers', async () => {
    await provider.generate(call());
    const [sent] = fake.requests;
    expect(target.read(sent?.body)).toMatchObject({
      model: target.modelId,
      maxTokens: 64,
      temperature: 0.25,
      system: 'You are terse.',
      user: 'hello there world',
    });
    expect(sent?.headers['x-test-header']).toBe('yes');
  });

  it('streams text deltas in order, then usage, then finish', async () => {
    const { events, error } = await collect(provider.stream(call()));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      ...replyChunks.map((text) => ({ type: 'text', text })),
      { type: 'usage', usage: expectedUsage },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(fake.ledger).toHaveLength(1);
    if (target.kind !== 'anthropic')
      expect(target.read(fake.requests[0]?.body).includeUsage).toBe(true);
  });

  it('maps cached input tokens (generate and stream)', async () => {
    fake.script({ cachedTokens: 4 }, { cachedTokens: 4 });
    const cached = { ...expectedUsage, cachedInputTokens: 4 };
    expect((await provider.generate(call())).usage).toEqual(cached);
    const { events } = await collect(provider.stream(call()));
    expect(events).toContainEqual({ type: 'usage', usage: cached });
  });

  it('reports an absent usage as null, not as zero', async () => {
    fake.script({ omitUsage: true }, { omitUsage: true });
    if (target.usageRequired) {
      expect((await rejection(provider.generate(call()))).code).toBe(ErrorCode.UpstreamBadResponse);
      expect((await collect(provider.stream(call()))).error?.code).toBe(
        ErrorCode.UpstreamBadResponse,
      );
      return;
    }
    expect((await provider.generate(call())).usage).toBeNull();
    const { events, error } = await collect(provider.stream(call()));
    expect(error).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['text', 'text', 'text', 'text', 'finish']);
    expect(fake.ledger).toEqual([]);
  });

  it.each([500, 503])('turns %i into a retryable UpstreamError with the status', async (status) => {
    fake.script({ status }, { status });
    for (const error of [
      await rejection(provider.generate(call())),
      (await collect(provider.stream(call()))).error,
    ]) {
      expect(error).toMatchObject({
        code: ErrorCode.UpstreamError,
        isRetryable: true,
        upstreamStatus: status,
      });
    }
  });

  it('turns 429 with Retry-After into UpstreamRateLimited with retryAfterMs', async () => {
    fake.script({ status: 429, retryAfter: 2 }, { status: 429, retryAfter: 2 });
    const expected = { code: ErrorCode.UpstreamRateLimited, isRetryable: true, retryAfterMs: 2000 };
    expect(await rejection(provider.generate(call()))).toMatchObject(expected);
    expect((await collect(provider.stream(call()))).error).toMatchObject(expected);
  });

  it('turns a context-window error into ContextOverflow (not retryable)', async () => {
    fake.script({ contextOverflow: true });
    const error = await rejection(provider.generate(call()));
    expect(error).toMatchObject({
      code: ErrorCode.ContextOverflow,
      isRetryable: false,
      upstreamStatus: 400,
    });
  });

  it('turns malformed JSON into a retryable UpstreamBadResponse', async () => {
    fake.script({ malformedJson: true }, { malformedJson: true });
    const expected = { code: ErrorCode.UpstreamBadResponse, isRetryable: true };
    expect(await rejection(provider.generate(call()))).toMatchObject(expected);
    const streamed = await collect(provider.stream(call()));
    expect(streamed.texts).toEqual(['Echo: ']);
    expect(streamed.error).toMatchObject(expected);
  });

  it.each([{ afterTextChunks: 2 } as const, true as const])(
    'throws from the iterator when the stream is truncated (%o)',
    async (truncatedSse) => {
      fake.script({ truncatedSse });
      const { events, error } = await collect(provider.stream(call()));
      expect(error).toMatchObject({ code: ErrorCode.UpstreamBadResponse, isRetryable: true });
      expect(events.some((e) => e.type === 'finish')).toBe(false);
      if (truncatedSse !== true) expect(texts(events)).toEqual(['Echo: ', 'hello ']);
    },
  );

  it('throws a retryable error after the chunks already yielded when the socket resets', async () => {
    fake.script({ resetMidStream: 2 });
    const { texts: got, error } = await collect(provider.stream(call()));
    expect(got).toEqual(['Echo: ', 'hello ']);
    expect(error).toMatchObject({ code: ErrorCode.UpstreamError, isRetryable: true });
  });

  it('throws an upstream error event sent mid-stream', async () => {
    fake.script({ midStreamError: 1 });
    const { texts: got, error } = await collect(provider.stream(call()));
    expect(got).toEqual(['Echo: ']);
    expect(error).toMatchObject({ code: ErrorCode.UpstreamError, isRetryable: true });
  });

  it('aborts a hanging generate quickly and closes the upstream connection', async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(provider.generate(call(controller.signal)));
    expect(error.code).toBe(ErrorCode.Aborted);
    expect(Date.now() - started).toBeLessThan(1_000);
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });

  it('aborts a hanging stream quickly and closes the upstream connection', async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error } = await collect(provider.stream(call(controller.signal)));
    expect(error?.code).toBe(ErrorCode.Aborted);
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });

  it('closes the upstream connection when the consumer stops reading', async () => {
    fake.script({ stallAfterChunks: 1 });
    for await (const event of provider.stream(call())) {
      expect(event).toEqual({ type: 'text', text: 'Echo: ' });
      break;
    }
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });

  it('turns a refused connection into a retryable UpstreamError', async () => {
    await fake.close();
    const error = await rejection(provider.generate(call()));
    expect(error).toMatchObject({ code: ErrorCode.UpstreamError, isRetryable: true });
  });
});

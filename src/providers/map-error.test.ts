import { APICallError, JSONParseError, TypeValidationError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../errors.js';
import { toProviderError } from './map-error.js';
import { parseRetryAfterMs } from './retry-after.js';

function apiError(
  statusCode: number | undefined,
  body?: unknown,
  headers?: Record<string, string>,
) {
  return new APICallError({
    message: 'upstream said no',
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('toProviderError', () => {
  it.each([408, 409, 500, 502, 529])('%i is a retryable UpstreamError', (status) => {
    expect(toProviderError(apiError(status))).toMatchObject({
      code: ErrorCode.UpstreamError,
      isRetryable: true,
      upstreamStatus: status,
    });
  });

  it.each([400, 401, 403, 404, 422])('%i is a non-retryable UpstreamError', (status) => {
    expect(toProviderError(apiError(status, { error: { message: 'bad' } }))).toMatchObject({
      code: ErrorCode.UpstreamError,
      isRetryable: false,
      upstreamStatus: status,
    });
  });

  it('reads retry-after-ms before retry-after on 429', () => {
    const error = toProviderError(
      apiError(429, undefined, { 'retry-after-ms': '1500', 'retry-after': '9' }),
    );
    expect(error).toMatchObject({
      code: ErrorCode.UpstreamRateLimited,
      isRetryable: true,
      retryAfterMs: 1500,
    });
  });

  it.each([
    [
      'OpenAI code',
      { error: { message: 'x', type: 'invalid_request_error', code: 'context_length_exceeded' } },
    ],
    [
      'Anthropic message',
      {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'prompt is too long: 5 > 4' },
      },
    ],
    ['llama.cpp type', { error: { code: 400, message: 'x', type: 'exceed_context_size_error' } }],
    [
      'vLLM message',
      {
        object: 'error',
        message: "This model's maximum context length is 4096 tokens.",
        type: 'BadRequestError',
        code: 400,
      },
    ],
  ])('recognises context overflow (%s)', (_name, body) => {
    expect(toProviderError(apiError(400, body))).toMatchObject({
      code: ErrorCode.ContextOverflow,
      isRetryable: false,
    });
  });

  it('treats 413 as context overflow and other 400s as plain errors', () => {
    expect(toProviderError(apiError(413)).code).toBe(ErrorCode.ContextOverflow);
    expect(
      toProviderError(apiError(400, { error: { message: 'temperature too high' } })).code,
    ).toBe(ErrorCode.UpstreamError);
  });

  it('maps unreadable responses to a retryable UpstreamBadResponse', () => {
    const parse = new JSONParseError({ text: '{', cause: new SyntaxError('x') });
    const invalid = new TypeValidationError({ value: {}, cause: new Error('x') });
    for (const error of [parse, invalid, apiError(200)]) {
      expect(toProviderError(error)).toMatchObject({
        code: ErrorCode.UpstreamBadResponse,
        isRetryable: true,
      });
    }
  });

  it('maps socket failures found in the cause chain to a retryable UpstreamError', () => {
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const terminated = new TypeError('terminated', { cause: socket });
    expect(toProviderError(terminated)).toMatchObject({
      code: ErrorCode.UpstreamError,
      isRetryable: true,
    });
    const wrapped = new APICallError({
      message: 'x',
      url: 'u',
      requestBodyValues: {},
      statusCode: 200,
      cause: terminated,
    });
    expect(toProviderError(wrapped)).toMatchObject({
      code: ErrorCode.UpstreamError,
      isRetryable: true,
    });
  });

  it('reports aborts by the signal reason', () => {
    const abortError = new DOMException('aborted', 'AbortError');
    expect(toProviderError(abortError).code).toBe(ErrorCode.Aborted);
    const deadline = new ShipgateError(ErrorCode.DeadlineExceeded, 'too late');
    expect(toProviderError(abortError, AbortSignal.abort(deadline))).toBe(deadline);
    const timeout = AbortSignal.abort(new DOMException('t', 'TimeoutError'));
    expect(toProviderError(abortError, timeout)).toMatchObject({
      code: ErrorCode.UpstreamTimeout,
      isRetryable: true,
    });
  });

  it('maps in-stream error objects by their type', () => {
    expect(toProviderError({ type: 'overloaded_error', message: 'Overloaded' })).toMatchObject({
      code: ErrorCode.UpstreamError,
      isRetryable: true,
      upstreamStatus: 529,
    });
    expect(toProviderError({ type: 'invalid_request_error', message: 'no' }).isRetryable).toBe(
      false,
    );
    expect(toProviderError({ type: 'rate_limit_error', message: 'slow down' }).code).toBe(
      ErrorCode.UpstreamRateLimited,
    );
  });

  it('leaves unknown errors to toShipgateError', () => {
    expect(toProviderError(new RangeError('bug')).code).toBe(ErrorCode.Internal);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfterMs({ 'retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': '0.5' }, now)).toBe(500);
    expect(parseRetryAfterMs({ 'retry-after-ms': '250' }, now)).toBe(250);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, now)).toBe(3000);
    expect(parseRetryAfterMs({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, now)).toBe(0);
  });
  it('returns undefined when absent or invalid', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfterMs({})).toBeUndefined();
  });
});

describe('network failures name the upstream', () => {
  it('says which origin could not be reached and why, as a retryable error', async () => {
    const { createServer } = await import('node:http');
    const { createProvider } = await import('./create-provider.js');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const provider = createProvider({
      name: 'local',
      kind: 'openai-compatible',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      apiKey: undefined,
      headers: {},
    });
    const model = {
      alias: 'm',
      provider: 'local',
      modelId: 'm',
      contextWindow: 1,
      capabilities: [],
      price: null,
      costPerHourMicros: null,
    };
    const error = await provider
      .generate({
        request: { task: 'chat', messages: [{ role: 'user', content: 'hi' }] },
        model,
        signal: new AbortController().signal,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_error', isRetryable: true });
    expect((error as Error).message).toContain(`http://127.0.0.1:${port}`);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});

import { describe, expect, it } from 'vitest';
import type { ResolvedProvider } from '../../config/load.js';
import { upstreamTarget } from './upstream-target.js';

function provider(over: Partial<ResolvedProvider>): ResolvedProvider {
  return {
    name: 'p',
    kind: 'openai',
    baseUrl: 'http://127.0.0.1:9/v1/',
    apiKey: 'sk-config',
    headers: {},
    ...over,
  };
}

describe('upstreamTarget', () => {
  it('joins the base URL and the endpoint', () => {
    const target = upstreamTarget({
      provider: provider({}),
      endpoint: '/chat/completions',
      forward: {},
    });
    expect(target).toMatchObject({ origin: 'http://127.0.0.1:9', path: '/v1/chat/completions' });
  });

  it('lets configured headers override forwarded ones, and keeps its own last', () => {
    const { headers } = upstreamTarget({
      provider: provider({
        kind: 'anthropic',
        headers: { 'anthropic-beta': 'from-config', 'content-type': 'text/plain' },
      }),
      endpoint: '/messages',
      forward: { 'anthropic-beta': 'from-client', 'anthropic-version': '2024-01-01' },
    });
    expect(headers).toEqual({
      'anthropic-beta': 'from-config',
      'anthropic-version': '2024-01-01',
      'x-api-key': 'sk-config',
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    });
  });

  it("sets Anthropic's version when the client sent none, and OpenAI's bearer key", () => {
    const anthropic = upstreamTarget({
      provider: provider({ kind: 'anthropic' }),
      endpoint: '/messages',
      forward: {},
    });
    expect(anthropic.headers['anthropic-version']).toBe('2023-06-01');
    const openai = upstreamTarget({ provider: provider({}), endpoint: '/x', forward: {} });
    expect(openai.headers.authorization).toBe('Bearer sk-config');
    expect(openai.headers['anthropic-version']).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { upstreamBody, type UpstreamCall } from './upstream-attempt.js';

function call(body: Record<string, unknown>, stream: boolean): UpstreamCall {
  return {
    protocol: 'openai',
    format: 'openai-chat',
    endpoint: '/chat/completions',
    body,
    stream,
    forwardHeaders: {},
  };
}

describe('upstreamBody', () => {
  it("sends the client's body with the resolved model id", () => {
    const body = { model: 'alias', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 };
    expect(JSON.parse(upstreamBody(call(body, false), 'gpt-4o-mini'))).toEqual({
      ...body,
      model: 'gpt-4o-mini',
    });
    expect(body.model).toBe('alias'); // the client's parsed body is not changed
  });

  it('asks an OpenAI stream for its usage, keeping the options the client set', () => {
    const sent = (body: Record<string, unknown>) =>
      JSON.parse(upstreamBody(call(body, true), 'm')) as { stream_options: unknown };
    expect(sent({ model: 'a', stream: true }).stream_options).toEqual({ include_usage: true });
    const given = { model: 'a', stream: true, stream_options: { include_usage: false, x: 1 } };
    expect(sent(given).stream_options).toEqual({ include_usage: true, x: 1 });
    expect(given.stream_options).toEqual({ include_usage: false, x: 1 });
    expect(sent({ model: 'a', stream: true, stream_options: 'junk' }).stream_options).toEqual({
      include_usage: true,
    });
  });

  it('forwards a "__proto__" key as a key, never as the copy\'s prototype', () => {
    const body = JSON.parse('{"model":"a","__proto__":{"polluted":true},"stream":true}') as Record<
      string,
      unknown
    >;
    for (const stream of [false, true]) {
      const sent = JSON.parse(upstreamBody(call(body, stream), 'm')) as Record<string, unknown>;
      expect(Object.keys(sent)).toContain('__proto__');
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });
});

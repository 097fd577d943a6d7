/**
 * redact.requests through the real server and a recording upstream: secrets in
 * system prompts and messages never reach the upstream, and the client gets its
 * secrets back (no placeholder left), streamed or not, in both protocols.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';
import { startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';

const github = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const aws = 'xoxb-' + '2837461928-3948572619384-aBcDeFgHiJkLmNoPqRsTuVwX';

describe('redact.requests on the /v1 routes', () => {
  let upstream: FakeUpstream;
  let runtime: Runtime;
  let app: FastifyInstance;

  beforeAll(async () => {
    // chat replies "Echo: <last user text>"; a FIM prompt is answered with its first placeholder
    upstream = await startFakeOpenAI({
      reply: (ctx) =>
        ctx.api === 'openai-completions'
          ? (/\[REDACTED:[^\]]+\]/.exec(ctx.promptText)?.[0] ?? 'nothing-masked')
          : `Echo: ${ctx.lastUserText}`,
    });
    const config = parseConfig(
      {
        storage: { url: 'sqlite::memory:' },
        providers: { up: { kind: 'openai-compatible', baseUrl: upstream.baseUrl } },
        models: {
          m: { provider: 'up', model: 'echo-1' },
          fim: { provider: 'up', model: 'qwen2.5-coder-7b-base' },
        },
        redact: { requests: true },
      },
      'test',
    );
    runtime = await createRuntime(config);
    app = await createServer({ runtime });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await upstream.close();
  });

  const messages = [
    { role: 'system', content: `The deploy key is ${aws}.` },
    { role: 'user', content: `Is ${github} a valid token? Compare with ${aws}.` },
  ];
  const echoed = `Is ${github} a valid token? Compare with ${aws}.`;

  function sseText(body: string): string {
    let text = '';
    for (const line of body.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const event = JSON.parse(line.slice(6));
      text += event.choices?.[0]?.delta?.content ?? event.delta?.text ?? '';
    }
    return text;
  }

  it.each([
    ['chat', '/v1/chat/completions', false],
    ['chat stream', '/v1/chat/completions', true],
    ['messages', '/v1/messages', false],
    ['messages stream', '/v1/messages', true],
  ] as const)('%s: 0 secrets upstream, 0 placeholders to the client', async (_n, url, stream) => {
    upstream.requests.length = 0;
    const anthropic = url === '/v1/messages';
    const payload = anthropic
      ? {
          model: 'm',
          max_tokens: 100,
          system: messages[0]!.content,
          messages: [messages[1]],
          stream,
        }
      : { model: 'm', messages, stream };
    const res = await app.inject({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(200);
    const sent = JSON.stringify(upstream.requests.map((r) => r.body));
    expect(upstream.requests.length).toBeGreaterThan(0);
    expect(sent).not.toContain(github);
    expect(sent).not.toContain(aws);
    expect(sent).toContain('[REDACTED:');
    const text = stream
      ? sseText(res.body)
      : anthropic
        ? res.json().content[0].text
        : res.json().choices[0].message.content;
    expect(text).toContain(echoed);
    expect(text).not.toContain('[REDACTED:');
  });

  const sentUpstream = () => JSON.stringify(upstream.requests.map((r) => r.body));

  it('tools, tool calls and tool results pass through masked (no 400), streamed or not', async () => {
    for (const stream of [false, true]) {
      upstream.requests.length = 0;
      const res = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: {
          model: 'm',
          stream,
          tools: [
            { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
          ],
          messages: [
            { role: 'user', content: 'look it up' },
            {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: { name: 'lookup', arguments: JSON.stringify({ token: github }) },
                },
              ],
            },
            { role: 'tool', tool_call_id: 'call_1', content: `the key is ${aws}` },
            { role: 'user', content: `Is ${github} a valid token?` },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(sentUpstream()).not.toContain(github);
      expect(sentUpstream()).not.toContain(aws);
      expect(sentUpstream()).toContain('"tools":[');
      const text = stream ? sseText(res.body) : res.json().choices[0].message.content;
      expect(text).toBe(`Echo: Is ${github} a valid token?`);
    }
  });

  it.each([
    [
      '/api/complete',
      {
        model: 'fim',
        prefix: `const token = '${github}';\nconst again = '`,
        suffix: `';\n// ${aws}\n`,
      },
    ],
    [
      '/v1/completions',
      {
        model: 'fim',
        prompt: `const token = '${github}';\nconst again = '`,
        suffix: `';\n// ${aws}\n`,
        max_tokens: 32,
      },
    ],
  ] as const)('%s (FIM): the prompt is masked, the completion restored', async (url, payload) => {
    upstream.requests.length = 0;
    const res = await app.inject({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(upstream.requests.length).toBe(1);
    expect(sentUpstream()).not.toContain(github);
    expect(sentUpstream()).not.toContain(aws);
    const completion = url === '/api/complete' ? res.json().completion : res.json().choices[0].text;
    expect(completion).toBe(github);
  });
});

/**
 * Issue 10.5, ADR 0036: the lean path serves POST /v1/chat/completions and
 * /v1/messages in front of Fastify. Over real sockets every case goes to a server
 * with the lean path and to one without it; status, body and the contract headers
 * must match, and the lean server must have served the hot routes itself.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuth } from '../../src/server/auth/auth.js';
import { LeanPath } from '../../src/server/lean/lean-path.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { openStore } from '../../src/store/store.js';
import type { Step } from '../fake-upstream/index.js';
import { startHarness, type Harness } from './harness.js';

type KeyName = 'developer' | 'viewer' | 'limited';

interface Sent {
  path: string;
  body?: string;
  /** Which of the server's keys to send (each server has its own of each). */
  key?: KeyName;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The headers the contracts name; the rest (date, keep-alive) are Node's. */
const compared = [
  'content-type',
  'x-shipgate-cache',
  'x-shipgate-model',
  'x-shipgate-attempts',
  'retry-after',
  'connection',
  'cache-control',
];

function send(base: string, sent: Sent, key: string | undefined): Promise<Answer> {
  const url = new URL(sent.path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...sent.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(sent.body ?? '');
  });
}

/** What must be equal: status, contract headers, and the body with per-call ids and times masked. */
function comparable(answer: Answer): unknown {
  const headers = Object.fromEntries(compared.map((name) => [name, answer.headers[name]]));
  const body = answer.body
    .replace(/"(id|created)":\s*("[^"]*"|\d+)/g, '"$1":"*"')
    .replace(/(chatcmpl|msg)[-_][\w-]+/g, '$1-*');
  return { status: answer.status, headers, body };
}

const chat = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hello there' }], ...extra });
const messages = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'claude',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'hello there' }],
    ...extra,
  });

interface Server {
  h: Harness;
  base: string;
  keys: Record<KeyName, string>;
}

describe('lean path (issue 10.5)', () => {
  const servers: Server[] = [];
  const served = vi.spyOn(LeanPath.prototype, 'tryServe');

  beforeAll(async () => {
    for (const leanPath of [true, false]) {
      const auth = createAuth({ store: await openStore('sqlite::memory:') });
      const h = await startHarness({
        leanPath,
        auth,
        metrics: createMetrics(),
        config: {
          models: {
            fast: { provider: 'openai', model: 'gpt-4o-mini' },
            claude: { provider: 'anthropic', model: 'claude-3-5-haiku-latest' },
            coder: { provider: 'openai', model: 'qwen2.5-coder-7b-base' },
          },
        },
      });
      const keys = {
        developer: (await auth.createKey({ name: 'dev', role: 'developer' })).key,
        viewer: (await auth.createKey({ name: 'view', role: 'viewer' })).key,
        limited: (await auth.createKey({ name: 'limited', role: 'developer', rpm: 1 })).key,
      };
      servers.push({ h, base: await h.listen(), keys });
    }
  });
  afterAll(async () => {
    served.mockRestore();
    await Promise.all(servers.map(({ h }) => h.close()));
  });

  /** Sends the case to both servers (the same script on that upstream before each) and compares. */
  async function both(
    sent: Sent,
    steps: Step[] = [],
    upstream: 'openai' | 'anthropic' = 'openai',
  ): Promise<Answer> {
    const answers: Answer[] = [];
    for (const { h, base, keys } of servers) {
      if (steps.length > 0) h[upstream].script(...steps);
      answers.push(await send(base, sent, sent.key ? keys[sent.key] : undefined));
    }
    const [lean, fastify] = answers as [Answer, Answer];
    expect(comparable(lean), sent.path).toEqual(comparable(fastify));
    return lean;
  }

  /** What the lean path said to each request since the last call: true = served. */
  function leanTook(): boolean[] {
    const taken = served.mock.results.map((r) => r.value as boolean);
    served.mockClear();
    return taken;
  }

  it('answers the same JSON and streams, and serves them itself', async () => {
    leanTook();
    const json = await both({ path: '/v1/chat/completions', body: chat(), key: 'developer' });
    expect(json.status).toBe(200);
    expect(json.headers['x-shipgate-overhead-ms']).toMatch(/^\d+(\.\d+)?$/);
    expect(json.headers['content-length']).toBe(String(Buffer.byteLength(json.body)));
    const stream = await both({
      path: '/v1/chat/completions?trace=1',
      body: chat({ stream: true, stream_options: { include_usage: true } }),
      key: 'developer',
    });
    expect(stream.body).toContain('data: [DONE]');
    const anthropic = await both({ path: '/v1/messages', body: messages(), key: 'developer' });
    expect(JSON.parse(anthropic.body)).toMatchObject({ type: 'message', role: 'assistant' });
    await both({ path: '/v1/messages', body: messages({ stream: true }), key: 'developer' });
    expect(leanTook()).toEqual([true, true, true, true]);
  });

  it('serves legacy completions: pass-through, and FIM through the completion service', async () => {
    leanTook();
    const body = (extra: Record<string, unknown>) =>
      JSON.stringify({ model: 'coder', prompt: 'sum(a, ', max_tokens: 16, ...extra });
    const plain = await both({ path: '/v1/completions', body: body({}), key: 'developer' });
    expect(JSON.parse(plain.body)).toMatchObject({ object: 'text_completion' });
    const fim = await both(
      { path: '/v1/completions', body: body({ suffix: ');\n' }), key: 'developer' },
      [{ reply: 'b);' }],
    );
    expect(JSON.parse(fim.body)).toMatchObject({ choices: [{ text: 'b' }] });
    const streamed = await both(
      { path: '/v1/completions', body: body({ suffix: ';', stream: true }), key: 'developer' },
      [{ reply: 'x' }],
    );
    expect(streamed.body.trim().endsWith('data: [DONE]')).toBe(true);
    expect(leanTook()).toEqual([true, true, true]);
  });

  it('echoes a sane request id and replaces a hostile one', async () => {
    const given = await both({
      path: '/v1/chat/completions',
      body: chat(),
      key: 'developer',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(given.headers['x-request-id']).toBe('trace-42');
    const hostile = await both({
      path: '/v1/chat/completions',
      body: chat(),
      key: 'developer',
      headers: { 'x-request-id': 'a b\u00e9'.repeat(3).replace(/[^\x20-\x7e]/g, '') },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses as Fastify does: no key, a role without inference, a rate limit', async () => {
    expect((await both({ path: '/v1/chat/completions', body: chat() })).status).toBe(401);
    const viewer = await both({ path: '/v1/messages', body: messages(), key: 'viewer' });
    expect(viewer.status).toBe(403);
    expect(JSON.parse(viewer.body)).toMatchObject({ type: 'error' });
    await both({ path: '/v1/chat/completions', body: chat(), key: 'limited' });
    const limited = await both({ path: '/v1/chat/completions', body: chat(), key: 'limited' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(leanTook().every(Boolean)).toBe(true);
  });

  it('rejects a foreign Host before anything else, and closes', async () => {
    const answer = await both({
      path: '/v1/chat/completions',
      body: chat(),
      key: 'developer',
      headers: { host: 'attacker.example' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.connection).toBe('close');
  });

  it('answers bad bodies with the same 4xx', async () => {
    const cases: Array<[string, number]> = [
      ['{"model": "fast", ', 400],
      ['{}', 400],
      ['"\xff"', 400],
      [chat({ model: 'no-such-model' }), 404],
      [JSON.stringify({ model: 'fast', messages: 'x'.repeat(5 * 1024 * 1024) }), 413],
      // nested past what the handlers' recursion can take (JSON.stringify overflowed: a 500)
      [
        `{"model":"fast","messages":[],"metadata":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
        400,
      ],
    ];
    for (const [body, status] of cases) {
      const answer = await both({ path: '/v1/chat/completions', body, key: 'developer' });
      expect(answer.status, body.slice(0, 40)).toBe(status);
    }
    const plain = await both({
      path: '/v1/chat/completions',
      body: chat(),
      key: 'developer',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    const taken = leanTook();
    expect(taken.slice(0, cases.length).every(Boolean)).toBe(true);
    expect(taken.at(-1)).toBe(false);
  });

  it('reports upstream failures the same way: attempts, model, 502', async () => {
    const failed = await both({ path: '/v1/chat/completions', body: chat(), key: 'developer' }, [
      { status: 500 },
      { status: 500 },
      { status: 500 },
    ]);
    expect(failed.status).toBe(502);
    expect(failed.headers['x-shipgate-attempts']).toBe('3');
    const cut = await both(
      { path: '/v1/messages', body: messages({ stream: true }), key: 'developer' },
      [{ midStreamError: 0 }, { midStreamError: 0 }, { midStreamError: 0 }],
      'anthropic',
    );
    expect(cut.status).toBeGreaterThanOrEqual(500);
  });
});

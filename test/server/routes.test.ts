import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { startHarness, type Harness } from './harness.js';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'hello there' }],
  ...extra,
});

describe('gateway routes (inject)', () => {
  let h: Harness;
  const audited: Array<{ action: string }> = [];
  beforeAll(async () => {
    h = await startHarness({
      audit: {
        append: (entry) => void audited.push(entry),
        list: async () => [],
      },
    });
  });
  afterAll(() => h.close());

  it('lists models in the OpenAI shape, and the Anthropic shape when anthropic-version is sent', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/models' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ object: string; data: Array<{ id: string; owned_by: string }> }>();
    expect(body.object).toBe('list');
    expect(body.data).toContainEqual(expect.objectContaining({ id: 'fast', owned_by: 'openai' }));
    const anth = await h.app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { 'anthropic-version': '2023-06-01' },
    });
    expect(anth.json<{ has_more: boolean; data: Array<{ type: string }> }>().data[0]?.type).toBe(
      'model',
    );
  });

  it('passes chat completions through with the model rewritten and tools/response_format untouched', async () => {
    const tools = [
      { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } },
    ];
    const responseFormat = {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 'object' } },
    };
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'x-request-id': 'req-123' },
      payload: chat('fast', { tools, response_format: responseFormat, custom_field: 7 }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-shipgate-cache']).toBe('miss');
    expect(Number(res.headers['x-shipgate-overhead-ms'])).toBeGreaterThanOrEqual(0);
    expect(
      res.json<{ choices: Array<{ message: { content: string } }> }>().choices[0]?.message.content,
    ).toBe('Echo: hello there');
    const sent = h.openai.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.tools).toEqual(tools);
    expect(sent.response_format).toEqual(responseFormat);
    expect(sent.custom_field).toBe(7);
    expect(h.openai.requests.at(-1)?.headers.authorization).toBe('Bearer sk-up-openai');
  });

  it('meters pass-through usage read from the bytes', async () => {
    await h.runtime.gateway.meter.flush();
    const before = (await h.runtime.store.usage.list()).length;
    h.openai.script({ inputTokens: 11, outputTokens: 5 });
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('fast', { stream: true }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data: [DONE]');
    const sent = h.openai.requests.at(-1)?.body as { stream_options?: { include_usage?: boolean } };
    expect(sent.stream_options?.include_usage).toBe(true);
    await h.runtime.gateway.meter.flush();
    const rows = await h.runtime.store.usage.list();
    expect(rows.length).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      model: 'fast',
      inputTokens: 11,
      outputTokens: 5,
      estimated: false,
      status: 'ok',
    });
    expect(audited.at(-1)).toMatchObject({ action: 'inference', model: 'fast', inputTokens: 11 });
  });

  it('retries an upstream 500 transparently', async () => {
    const n = h.openai.requests.length;
    h.openai.script({ status: 500 });
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('fast'),
    });
    expect(res.statusCode).toBe(200);
    expect(h.openai.requests.length - n).toBe(2);
  });

  it("answers 502 with each attempt's cause when all attempts fail", async () => {
    h.openai.script({ status: 500 }, { status: 503 }, { status: 500 });
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('fast'),
    });
    expect(res.statusCode).toBe(502);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('all_attempts_failed');
    expect(error.message).toMatch(/1\. openai\/fast: upstream_error \(HTTP 500\)/);
    expect(error.message).toMatch(/2\. openai\/fast: upstream_error \(HTTP 503\)/);
  });

  it('passes an upstream 400 through as a 400', async () => {
    h.openai.script({ contextOverflow: true });
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('fast'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('context_overflow');
  });

  it('answers 404 with the known models for an unknown model', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('nope-model'),
    });
    expect(res.statusCode).toBe(404);
    const { error } = res.json<{ error: { code: string; message: string; known: string[] } }>();
    expect(error.code).toBe('model_not_found');
    expect(error.known).toContain('fast');
    expect(error.message).toContain('claude');
  });

  it('translates OpenAI chat → Anthropic upstream, and refuses tools there', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('claude'),
    });
    expect(res.statusCode).toBe(200);
    expect(
      res.json<{ object: string; choices: Array<{ message: { content: string } }> }>().choices[0]
        ?.message.content,
    ).toBe('Echo: hello there');
    expect(h.anthropic.requests.at(-1)?.path).toBe('/v1/messages');
    const tools = await h.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: chat('claude', { tools: [{ type: 'function', function: { name: 'f' } }] }),
    });
    expect(tools.statusCode).toBe(400);
  });

  it('passes /v1/messages through to Anthropic and translates to OpenAI', async () => {
    const body = {
      model: 'claude',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi you' }],
    };
    const pass = await h.app.inject({ method: 'POST', url: '/v1/messages', payload: body });
    expect(pass.statusCode).toBe(200);
    expect(pass.json<{ type: string; content: Array<{ text: string }> }>().content[0]?.text).toBe(
      'Echo: hi you',
    );
    expect(h.anthropic.requests.at(-1)?.headers['x-api-key']).toBe('sk-up-anthropic');
    expect((h.anthropic.requests.at(-1)?.body as { model: string }).model).toBe(
      'claude-3-5-haiku-latest',
    );
    const translated = await h.app.inject({
      method: 'POST',
      url: '/v1/messages',
      payload: { ...body, model: 'fast', stream: true },
    });
    expect(translated.statusCode).toBe(200);
    expect(translated.body).toContain('event: message_start');
    expect(translated.body).toContain('"text":"hi "');
    expect(translated.body).toContain('event: message_stop');
  });

  it('passes legacy completions with suffix (FIM) through', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/completions',
      payload: { model: 'fast', prompt: 'function add(a, b) {', suffix: '}', max_tokens: 16 },
    });
    expect(res.statusCode).toBe(200);
    expect((h.openai.requests.at(-1)?.body as { suffix: string }).suffix).toBe('}');
    expect(h.openai.requests.at(-1)?.path).toBe('/v1/completions');
  });

  it('serves the native text APIs, feedback and usage', async () => {
    const redact = await h.app.inject({
      method: 'POST',
      url: '/api/redact',
      payload: { text: 'token = ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d' },
    });
    expect(redact.statusCode).toBe(200);
    expect(redact.json<{ findings: unknown[] }>().findings.length).toBe(1);
    const extract = await h.app.inject({
      method: 'POST',
      url: '/api/extract',
      payload: { text: 'x\n```ts\nconst a = 1;\n```\n' },
    });
    expect(extract.json()).toEqual({
      blocks: [
        expect.objectContaining({
          language: 'typescript',
          code: 'const a = 1;\n',
          closed: true,
          startLine: 2,
        }),
      ],
    });
    const feedback = await h.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { requestId: 'r1', verdict: 'accepted' },
    });
    expect(feedback.statusCode).toBe(202);
    expect(audited.at(-1)).toMatchObject({ action: 'feedback' });
    const usage = await h.app.inject({ method: 'GET', url: '/api/usage?since=1d&by=model' });
    expect(usage.statusCode).toBe(200);
    expect(usage.json<{ rows: Array<{ key: string }> }>().rows.map((r) => r.key)).toContain('fast');
    const badSince = await h.app.inject({ method: 'GET', url: '/api/usage?since=yesterday' });
    expect(badSince.statusCode).toBe(400);
  });

  it('has health, readiness, metrics and the dashboard shell', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ok: true, checks: { store: 'ok', providers: 'ok' } });
    expect((await h.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('shipgate_');
    const shell = await h.app.inject({ method: 'GET', url: '/' });
    expect(shell.headers['content-type']).toContain('text/html');
    expect(shell.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(shell.body).toContain('<title>shipgate');
    expect((await h.app.inject({ method: 'GET', url: '/assets/nope.js' })).statusCode).toBe(404);
  });

  it('rejects bad bodies with 4xx JSON errors', async () => {
    const cases = [
      { payload: '{"model":', headers: { 'content-type': 'application/json' }, status: 400 },
      {
        payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        headers: { 'content-type': 'application/json' },
        status: 400,
      },
      { payload: 'hello', headers: { 'content-type': 'text/plain' }, status: 415 },
      {
        payload: JSON.stringify({ model: 'fast', messages: 'x' }),
        headers: { 'content-type': 'application/json' },
        status: 400,
      },
      {
        payload: 'x'.repeat(5 * 1024 * 1024),
        headers: { 'content-type': 'application/json' },
        status: 413,
      },
    ];
    for (const c of cases) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/chat/completions', ...c });
      expect(res.statusCode, String(c.payload).slice(0, 20)).toBe(c.status);
      expect(res.json<{ error: { code: string; message: string } }>().error.code).toEqual(
        expect.any(String),
      );
    }
    const notFound = await h.app.inject({ method: 'GET', url: '/nope' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });
});

describe('with auth and the audit log', () => {
  it('requires a key once one exists, and records the audit entries', async () => {
    const { createAuth } = await import('../../src/server/auth/auth.js');
    const probe = await startHarness();
    const auth = createAuth({ store: probe.runtime.store });
    const audit = createAuditLog({ store: probe.runtime.store, includePrompts: false });
    const { createServer } = await import('../../src/server/create-server.js');
    const app = await createServer({ runtime: probe.runtime, auth, audit });
    try {
      const open = await app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: { 'x-api-key': 'dummy-sdk-key' },
      });
      expect(open.statusCode).toBe(200);
      const { key } = await auth.createKey({ name: 'viewer1', role: 'viewer' });
      const { key: dev } = await auth.createKey({ name: 'dev1', role: 'developer' });
      await new Promise((r) => setTimeout(r, 1_100)); // enabled() caches its answer for 1 s
      expect((await app.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(401);
      const bad = await app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: { authorization: 'Bearer sg-wrong' },
      });
      expect(bad.statusCode).toBe(401);
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/v1/models',
            headers: { authorization: `Bearer ${key}` },
          })
        ).statusCode,
      ).toBe(200);
      const forbidden = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${key}` },
        payload: chat('fast'),
      });
      expect(forbidden.statusCode).toBe(403);
      const ok = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { 'x-api-key': dev },
        payload: chat('fast'),
      });
      expect(ok.statusCode).toBe(200);
      await audit.flush();
      const entries = await app.inject({
        method: 'GET',
        url: '/api/audit?action=inference',
        headers: { authorization: `Bearer ${key}` },
      });
      expect(entries.statusCode).toBe(200);
      expect(entries.json<{ entries: Array<{ actor: string }> }>().entries[0]?.actor).toBe('dev1');
    } finally {
      await app.close();
      await audit.close();
      await probe.close();
    }
  });
});

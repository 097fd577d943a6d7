/**
 * Issue 9.5: hostile strings. Values a client controls (CR/LF, non-Latin-1, 10 KB,
 * empty, wrong types, deep nesting, invalid UTF-8, huge arrays) sent to every
 * inference route, streamed and not, over a real socket: each gets a 4xx JSON error
 * or a normal answer within seconds — never a 5xx, never a hang — and the same
 * normal request twice afterwards still works (no in-flight cache entry leaks).
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const routes = {
  '/v1/chat/completions': (model: unknown, extra: Record<string, unknown> = {}) => ({
    model,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  }),
  '/v1/completions': (model: unknown, extra: Record<string, unknown> = {}) => ({
    model,
    prompt: 'hi',
    ...extra,
  }),
  '/v1/messages': (model: unknown, extra: Record<string, unknown> = {}) => ({
    model,
    max_tokens: 16,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  }),
} as const;

type Route = keyof typeof routes;
const normalModel: Record<Route, string> = {
  '/v1/chat/completions': 'fast',
  '/v1/completions': 'fast',
  '/v1/messages': 'claude',
};

function deep(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Hostile `model` values (the field echoed into headers before the fix). */
const hostileModels: Array<[string, unknown]> = [
  ['CR/LF', 'gpt-4o\r\nx-injected: 1'],
  ['bare LF', 'gpt\nx'],
  ['non-Latin-1', 'модель-😀'],
  ['Latin-1 high', 'caf\u00e9'],
  ['NUL', 'gpt\u0000x'],
  ['10 KB', 'g'.repeat(10_240)],
  ['empty', ''],
  ['number', 42],
  ['object', { a: 1 }],
  ['array', ['fast']],
  ['null', null],
  ['deep nesting', deep(2_000)],
  ['huge array', Array.from({ length: 50_000 }, () => 'x')],
];

/** Hostile values elsewhere in the body. */
const hostileBodies: Array<[string, (route: Route) => string | Buffer]> = [
  [
    'messages huge array',
    (r) =>
      JSON.stringify({
        ...routes[r](normalModel[r]),
        messages: Array.from({ length: 20_000 }, () => 1),
      }),
  ],
  [
    'content deep nesting',
    (r) =>
      JSON.stringify({
        ...routes[r](normalModel[r]),
        messages: [{ role: 'user', content: deep(3_000) }],
      }),
  ],
  [
    'invalid UTF-8 in model',
    (r) => {
      const text = JSON.stringify(routes[r]('fa@@st'));
      const at = text.indexOf('@@');
      return Buffer.concat([
        Buffer.from(text.slice(0, at)),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(text.slice(at + 2)),
      ]);
    },
  ],
  ['stream as string', (r) => JSON.stringify(routes[r](normalModel[r], { stream: 'yes' }))],
  ['temperature as object', (r) => JSON.stringify(routes[r](normalModel[r], { temperature: {} }))],
];

async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, headers: res.headers };
}

function expectSane(res: { status: number; text: string }, what: string): void {
  expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = JSON.parse(res.text) as { error: { code: unknown; message: unknown } };
    expect(typeof body.error.code, what).toBe('string');
    expect(typeof body.error.message, what).toBe('string');
  }
}

describe('hostile strings (issue 9.5)', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness({ config: { cache: { persist: false, enabled: true } } });
    url = await h.listen();
  });
  afterAll(() => h.close());

  for (const route of Object.keys(routes) as Route[]) {
    for (const stream of [false, true]) {
      it(`${route} stream=${stream}: hostile model values get a 4xx or an answer, never a 5xx or a hang`, async () => {
        for (const [name, model] of hostileModels) {
          const res = await post(
            `${url}${route}`,
            JSON.stringify(routes[route](model, { stream, temperature: 0 })),
          );
          expectSane(res, `${name}`);
          const header = res.headers['x-shipgate-model'];
          if (header !== undefined) expect(String(header)).toMatch(/^[\x21-\x7e]{1,256}$/);
        }
        for (const [name, body] of hostileBodies) {
          expectSane(await post(`${url}${route}`, body(route)), name);
        }
        // hostile header values that change the answer
        const bad = await post(
          `${url}${route}`,
          JSON.stringify(routes[route](normalModel[route], { stream })),
          { 'anthropic-version': 'x'.repeat(9_000), 'anthropic-beta': 'caf\u00e9' },
        );
        expectSane(bad, 'hostile headers');
        // the same normal, cacheable request twice still works
        for (let i = 0; i < 2; i++) {
          const ok = await post(
            `${url}${route}`,
            JSON.stringify(routes[route](normalModel[route], { stream, temperature: 0 })),
          );
          expect(ok.status, ok.text.slice(0, 200)).toBe(200);
          expect(ok.headers['x-shipgate-model']).toBe(normalModel[route]);
        }
      }, 30_000);
    }
  }

  it('never echoes a raw client model id that is not header-safe', async () => {
    // Only one provider family matches 'claude-…'; a raw id with a space is not a model id.
    const res = await post(
      `${url}/v1/messages`,
      JSON.stringify(routes['/v1/messages']('claude x\u00e9', { stream: true })),
    );
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'model_not_found' } });
  });

  it('the server stays healthy', async () => {
    const res = await request(`${url}/healthz`);
    expect(res.statusCode).toBe(200);
    await res.body.text();
  });
});

/**
 * Fuzz: >= 10,000 malformed requests across the routes. Every answer must be a 4xx
 * in the `{error:{code,message}}` shape; nothing may reach an upstream or crash.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const postRoutes = [
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/messages',
  '/api/generate',
  '/api/validate',
  '/api/redact',
  '/api/extract',
  '/api/feedback',
];

const validBodies: Record<string, Record<string, unknown>> = {
  '/v1/chat/completions': { model: 'fast', messages: [{ role: 'user', content: 'hi' }] },
  '/v1/completions': { model: 'fast', prompt: 'hi' },
  '/v1/messages': { model: 'claude', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] },
  '/api/generate': { spec: 'x' },
  '/api/validate': { files: [{ path: 'a.ts', content: 'x' }] },
  '/api/redact': { text: 'x' },
  '/api/extract': { text: 'x' },
  '/api/feedback': { requestId: 'r', verdict: 'accepted' },
};

interface Case {
  url: string;
  method?: 'GET' | 'POST';
  payload?: string | Buffer;
  contentType?: string;
}

const route = fc.constantFrom(...postRoutes);
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER * 10),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A count replaced by another whole number is still a valid request, not a wrong type. */
function stillValid(before: unknown, after: unknown): boolean {
  return typeof before === 'number' && Number.isSafeInteger(after) && (after as number) > 0;
}

/** A required field replaced by a value of the wrong type (or a huge number). */
const wrongTypes = fc
  .tuple(route, wrongValue, fc.nat())
  .map(([url, value, pick]) => {
    const body = { ...validBodies[url] };
    const keys = Object.keys(body);
    const key = keys[pick % keys.length] ?? 'model';
    return { url, body, key, value };
  })
  .filter(({ body, key, value }) => !stillValid(body[key], value))
  .map(({ url, body, key, value }): Case => {
    body[key] = value;
    return { url, payload: JSON.stringify(body), contentType: 'application/json' };
  });

const truncated = fc.tuple(route, fc.nat()).map(([url, cut]): Case => {
  const text = JSON.stringify(validBodies[url]);
  return { url, payload: text.slice(0, cut % (text.length - 1)), contentType: 'application/json' };
});

const randomBytes = fc
  .tuple(route, fc.uint8Array({ maxLength: 200 }))
  .map(([url, bytes]): Case => ({
    url,
    payload: Buffer.from(bytes),
    contentType: 'application/json',
  }));

const badUtf8 = fc
  .tuple(route, fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x28, 0xa1], [0xf0, 0x90, 0x28]))
  .map(([url, bad]): Case => {
    const text = JSON.stringify(validBodies[url]);
    const at = text.indexOf('"', 2) + 1;
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from(bad),
      Buffer.from(text.slice(at)),
    ]);
    return { url, payload: bytes, contentType: 'application/json' };
  });

const wrongContentType = fc
  .tuple(
    route,
    fc.constantFrom(
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'image/png',
    ),
  )
  .map(([url, contentType]): Case => ({
    url,
    payload: JSON.stringify(validBodies[url]),
    contentType,
  }));

const missingBody = fc
  .tuple(route, fc.constantFrom(undefined, 'application/json'))
  .map(([url, contentType]): Case => ({ url, contentType }));

/** Unknown fields are rejected by the native API's strict schemas. */
const unknownFields = fc
  .tuple(
    fc.constantFrom(
      '/api/generate',
      '/api/validate',
      '/api/redact',
      '/api/extract',
      '/api/feedback',
    ),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.jsonValue(),
  )
  .filter(([url, key]) => !(key in (validBodies[url] ?? {})))
  .map(([url, key, value]): Case => ({
    url,
    payload: JSON.stringify({ ...validBodies[url], [key]: value }),
    contentType: 'application/json',
  }));

/** Arrays and objects nested past the limit, as an extra field or in place of a known one. */
const deepNesting = fc
  .tuple(route, fc.integer({ min: 257, max: 5_000 }), fc.boolean(), fc.boolean())
  .map(([url, depth, asArray, extraField]): Case => {
    const [open, close] = asArray ? ['[', ']'] : ['{"k":', '}'];
    const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const body = JSON.stringify(validBodies[url]);
    const key = Object.keys(validBodies[url] ?? {})[0] ?? 'model';
    const payload = extraField
      ? `${body.slice(0, -1)},"deep":${deep}}`
      : body.replace(`"${key}":`, `"${key}":${deep},"was":`);
    return { url, payload, contentType: 'application/json' };
  });

const badQueries = fc
  .tuple(
    fc.constantFrom('/api/usage', '/api/audit'),
    fc.constantFrom('since', 'by', 'limit', 'zzz'),
    fc.string({ maxLength: 10 }),
  )
  .filter(([, key, value]) => key === 'zzz' || !/^\d{1,6}[smhd]$/.test(value))
  .map(([url, key, value]): Case => ({
    url: `${url}?${key}=${encodeURIComponent(value)}x!`,
    method: 'GET',
  }));

const anyCase = fc.oneof(
  wrongTypes,
  truncated,
  randomBytes,
  badUtf8,
  wrongContentType,
  missingBody,
  unknownFields,
  deepNesting,
  badQueries,
);

describe('fuzz', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers every malformed request with a 4xx JSON error', async () => {
    const upstreamBefore = h.openai.requests.length + h.anthropic.requests.length;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        runs += 1;
        const res = await h.app.inject({
          method: c.method ?? 'POST',
          url: c.url,
          payload: c.payload,
          headers: c.contentType ? { 'content-type': c.contentType } : {},
        });
        expect(res.statusCode, `${c.url} ${String(c.payload).slice(0, 60)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(res.statusCode).toBeLessThan(500);
        const body = res.json<{ error: { code: unknown; message: unknown } }>();
        expect(typeof body.error.code).toBe('string');
        expect(typeof body.error.message).toBe('string');
      }),
      { numRuns: 10_000, seed: 20_260_101 },
    );
    expect(runs).toBeGreaterThanOrEqual(10_000);
    expect(h.openai.requests.length + h.anthropic.requests.length).toBe(upstreamBefore);
  }, 60_000);
});

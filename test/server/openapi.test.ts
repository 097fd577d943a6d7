import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/server/http/auth-hook.js';
import { startHarness, type Harness } from './harness.js';

describe('GET /openapi.json', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is a valid OpenAPI 3.1 document covering every route', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const expected = [
      ['post', '/v1/chat/completions'],
      ['post', '/v1/completions'],
      ['post', '/v1/messages'],
      ['get', '/v1/models'],
      ['post', '/api/generate'],
      ['post', '/api/validate'],
      ['post', '/api/redact'],
      ['post', '/api/extract'],
      ['post', '/api/complete'],
      ['post', '/api/feedback'],
      ['get', '/api/usage'],
      ['get', '/api/audit'],
      ['get', '/metrics'],
      ['get', '/healthz'],
      ['get', '/readyz'],
      ['get', '/openapi.json'],
      ['get', '/'],
    ] as const;
    for (const [method, path] of expected)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    // Every registered route is documented, and nothing else (HEAD routes are implicit).
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p.replace(/\{\*\}/g, '*').replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const registered = registeredRoutes(h.app).map((r) => `${r.method.toLowerCase()} ${r.url}`);
    expect(documented.sort()).toEqual(registered.sort());
  });
});

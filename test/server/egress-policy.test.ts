/**
 * The egress policy through the real server routes: requests for private paths or
 * repositories never reach the API upstream (they fall back to the self-hosted one
 * or get 403 naming the rule), every decision is in the audit log, and requests
 * the policy does not cover still go to the API model.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditAppend } from '../../src/audit/audit-entry.js';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';
import { LeanPath } from '../../src/server/lean/lean-path.js';
import { startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';
import { answer, makeProject, removeDir } from '../generate/support.js';

const code =
  '/** Adds. */\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('egress policy on every route that reaches a model', () => {
  let cloud: FakeUpstream;
  let local: FakeUpstream;
  let runtime: Runtime;
  let app: FastifyInstance;
  let root: string;
  let home: string;
  const audited: AuditAppend[] = [];

  beforeAll(async () => {
    root = makeProject('shipgate-egress-');
    home = mkdtempSync(join(tmpdir(), 'shipgate-egress-home-'));
    cloud = await startFakeOpenAI({ reply: () => answer(['src/secret/add.ts', code]) });
    local = await startFakeOpenAI({ reply: () => answer(['src/secret/add.ts', code]) });
    const config = parseConfig(
      {
        storage: { url: `sqlite:${join(home, 'shipgate.db')}` },
        providers: {
          // both fakes listen on loopback: the API one is declared api explicitly
          cloud: { kind: 'openai-compatible', baseUrl: cloud.baseUrl },
          onprem: { kind: 'openai-compatible', baseUrl: local.baseUrl },
        },
        models: {
          gpt: { provider: 'cloud', model: 'gpt-x', hosting: 'api', fim: 'qwen' },
          qwen: { provider: 'onprem', model: 'qwen-coder' },
        },
        routing: { tasks: { chat: ['gpt'], generate: ['gpt'] } },
        cache: { enabled: false },
        gates: { lint: { enabled: false }, security: { enabled: false } },
        policy: {
          egress: [
            { name: 'private-code', paths: ['src/secret/**'], allow: ['self-hosted'] },
            { name: 'vault', repos: ['acme/vault'], allow: [] },
          ],
        },
      },
      'test',
      { SHIPGATE_HOME: home },
    );
    runtime = await createRuntime(config);
    app = await createServer({
      runtime,
      cwd: root,
      audit: { append: (entry) => void audited.push(entry), list: async () => [] },
    });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await cloud.close();
    await local.close();
    removeDir(root);
    removeDir(home);
  });
  beforeEach(() => {
    cloud.requests.length = 0;
    local.requests.length = 0;
    audited.length = 0;
  });

  const secret = { 'x-shipgate-path': 'src/secret/keys.ts' };
  const chat = { model: 'gpt', messages: [{ role: 'user', content: 'hello' }] };

  const routes = [
    { name: 'chat', url: '/v1/chat/completions', payload: chat },
    { name: 'chat stream', url: '/v1/chat/completions', payload: { ...chat, stream: true } },
    { name: 'messages', url: '/v1/messages', payload: { ...chat, max_tokens: 50 } },
    {
      name: 'messages stream',
      url: '/v1/messages',
      payload: { ...chat, max_tokens: 50, stream: true },
    },
    { name: 'legacy completions', url: '/v1/completions', payload: { model: 'gpt', prompt: 'hi' } },
  ];

  for (const route of routes) {
    it(`${route.name}: a private path falls back to the self-hosted model`, async () => {
      const res = await app.inject({
        method: 'POST',
        url: route.url,
        headers: secret,
        payload: route.payload,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(cloud.requests).toHaveLength(0);
      expect(local.requests.length).toBeGreaterThan(0);
      expect(audited.find((a) => a.action === 'egress')).toMatchObject({
        decisions: { verdict: 'fallback', rules: ['private-code'], chosen: ['qwen'] },
      });
    });
  }

  it('complete: the file being completed is matched, without any header', async () => {
    const payload = { prefix: 'const a = ', suffix: ';\n', model: 'gpt' };
    const res = await app.inject({
      method: 'POST',
      url: '/api/complete',
      payload: { ...payload, file: 'src/secret/a.ts' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(cloud.requests).toHaveLength(0);
    expect(local.requests.length).toBeGreaterThan(0);
    // The same completion for a public file still goes to the API model.
    const open = await app.inject({
      method: 'POST',
      url: '/api/complete',
      payload: { ...payload, prefix: 'const b = ', file: 'src/public/b.ts' },
    });
    expect(open.statusCode, open.body).toBe(200);
    expect(cloud.requests.length).toBeGreaterThan(0);
  });

  it('a request the policy does not cover still goes to the API model', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'x-shipgate-path': 'src/public/a.ts' },
      payload: chat,
    });
    expect(res.statusCode).toBe(200);
    expect(cloud.requests).toHaveLength(1);
    expect(local.requests).toHaveLength(0);
    expect(audited.filter((a) => a.action === 'egress')).toEqual([]);
  });

  it('a forbidden repository gets 403 naming the rule, and nothing is sent anywhere', async () => {
    for (const url of ['/v1/chat/completions', '/v1/messages']) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { 'x-shipgate-repo': 'acme/vault' },
        payload: { ...chat, max_tokens: 20 },
      });
      expect(res.statusCode).toBe(403);
      expect(JSON.stringify(res.json())).toContain('vault');
    }
    expect(cloud.requests.length + local.requests.length).toBe(0);
    expect(audited.filter((a) => a.action === 'egress')).toHaveLength(2);
    expect(audited[0]).toMatchObject({ decisions: { verdict: 'deny' } });
  });

  it('generate: the target file is matched, without any header', { timeout: 90_000 }, async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/generate',
      payload: {
        spec: 'add two numbers',
        template: 'plain-function',
        targetFile: 'src/secret/add.ts',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(cloud.requests).toHaveLength(0);
    expect(local.requests.length).toBeGreaterThan(0);
  });

  it('over a socket (the lean path, ADR 0036): the same fallback, deny and 400', async () => {
    const served = vi.spyOn(LeanPath.prototype, 'tryServe');
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const post = (url: string, headers: Record<string, string>) =>
      request(`${base}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ...chat, max_tokens: 20 }),
      });
    const fallback = await post('/v1/messages', secret);
    expect(fallback.statusCode, await fallback.body.text()).toBe(200);
    expect(cloud.requests).toHaveLength(0);
    expect(local.requests).toHaveLength(1);
    const denied = await post('/v1/chat/completions', { 'x-shipgate-repo': 'acme/vault' });
    expect(denied.statusCode).toBe(403);
    expect(await denied.body.text()).toContain('vault');
    const long = Array.from({ length: 70 }, (_, i) => `f${i}`).join(',');
    const malformed = await post('/v1/chat/completions', { 'x-shipgate-path': long });
    expect(malformed.statusCode).toBe(400);
    await malformed.body.text();
    expect(served.mock.results.map((r) => r.value)).toEqual([true, true, true]);
    expect(audited.filter((a) => a.action === 'egress').map((a) => a.decisions)).toMatchObject([
      { verdict: 'fallback' },
      { verdict: 'deny' },
    ]);
    served.mockRestore();
  });

  it('rejects a malformed header with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'x-shipgate-path': Array.from({ length: 70 }, (_, i) => `f${i}`).join(',') },
      payload: chat,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/x-shipgate-path/);
  });
});

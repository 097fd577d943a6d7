/**
 * Issue 9.4: DNS rebinding. A loopback-bound server refuses a foreign Host header
 * (403 JSON) before auth or any route runs; loopback names and server.allowedHosts
 * pass. On the old code every Host was answered.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed, hostnameOf, originAllowed } from '../../src/server/http/host-check.js';
import { createAuth, type Auth } from '../../src/server/auth/auth.js';
import { openStore } from '../../src/store/store.js';
import { startHarness, type Harness } from './harness.js';

/** Bound beyond loopback a server needs auth; these tests only look at the Host check. */
async function openAuth(): Promise<Auth> {
  return createAuth({ store: await openStore('sqlite::memory:') });
}

function rawGet(
  base: string,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host header check on a loopback-bound server', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness({
      config: { server: { allowedHosts: ['gateway.internal', 'box:8443'] } },
    });
    base = await h.listen();
  });
  afterAll(() => h.close());

  it('answers loopback names and addresses, with or without a port', async () => {
    for (const host of [
      'localhost',
      'localhost:8787',
      '127.0.0.1',
      '127.0.0.1:9',
      '127.8.9.10:80',
      '[::1]:8787',
      '[::1]',
      'LOCALHOST:1',
    ]) {
      const res = await rawGet(base, '/v1/models', host);
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses a rebinding attacker’s name with 403 JSON naming the fix, on every route', async () => {
    for (const path of ['/v1/models', '/healthz', '/api/usage', '/openapi.json', '/nope']) {
      const res = await rawGet(base, path, 'attacker.example:8787');
      expect(res.status, path).toBe(403);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('forbidden');
      expect(body.error.message).toContain('server.allowedHosts');
    }
    for (const host of [
      '127.0.0.1.attacker.example',
      'localhost.attacker.example',
      '10.0.0.1',
      'evil',
      '[::2]:80',
      'localhost:abc',
    ])
      expect((await rawGet(base, '/v1/models', host)).status, host).toBe(403);
  });

  it('answers the names listed in server.allowedHosts (any port, or the one given)', async () => {
    expect((await rawGet(base, '/v1/models', 'gateway.internal')).status).toBe(200);
    expect((await rawGet(base, '/v1/models', 'Gateway.Internal:443')).status).toBe(200);
    expect((await rawGet(base, '/v1/models', 'box:8443')).status).toBe(200);
    expect((await rawGet(base, '/v1/models', 'box:8444')).status).toBe(403);
  });
});

describe('Origin check (cross-site requests from a browser page)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { server: { allowedHosts: ['gateway.internal'] } } });
  });
  afterAll(() => h.close());

  const post = (origin?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/redact',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      payload: '{"text":"hello"}',
    });

  it('refuses foreign web origins and the opaque "null" origin with 403, before any route runs', async () => {
    for (const origin of [
      'https://attacker.example',
      'http://127.0.0.1.attacker.example:8787',
      'null',
      'not a url',
    ]) {
      const res = await post(origin);
      expect(res.statusCode, origin).toBe(403);
      expect(res.json<{ error: { message: string } }>().error.message).toContain('Origin');
    }
  });

  it('answers same-machine pages, allowed names, non-browser clients and editor webviews', async () => {
    for (const origin of [
      undefined,
      'http://localhost:8787',
      'http://127.0.0.1:5173',
      'https://gateway.internal',
      'vscode-webview://abc123',
    ])
      expect((await post(origin)).statusCode, String(origin)).toBe(200);
  });
});

describe('Host header check when bound beyond loopback', () => {
  it('is off without allowedHosts (keys are required there anyway)', async () => {
    const h = await startHarness({ host: '0.0.0.0', auth: await openAuth() });
    try {
      const res = await h.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { host: 'gw.example.com' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('applies allowedHosts whatever the bind', async () => {
    const h = await startHarness({
      host: '0.0.0.0',
      auth: await openAuth(),
      config: { server: { allowedHosts: ['gw.example.com'] } },
    });
    try {
      const ok = await h.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { host: 'gw.example.com' },
      });
      expect(ok.statusCode).toBe(200);
      const no = await h.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { host: 'other.example.com' },
      });
      expect(no.statusCode).toBe(403);
    } finally {
      await h.close();
    }
  });
});

describe('hostnameOf / hostAllowed', () => {
  it('parses names, IPv4, bracketed IPv6 and refuses junk', () => {
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
    expect(hostnameOf('[::1]:8787')).toBe('::1');
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1');
    for (const junk of ['', 'a b', 'host:99999999', 'x@y', '[zz]:1', 'a/b'])
      expect(hostnameOf(junk), junk).toBeNull();
    expect(hostAllowed(undefined, new Set())).toBe(false);
    expect(hostAllowed('[::ffff:127.0.0.1]:80', new Set())).toBe(true);
    expect(originAllowed('http://[::1]:8787', new Set())).toBe(true);
    expect(originAllowed('https://evil.example', new Set(['evil.example']))).toBe(true);
    expect(originAllowed('https://evil.example', new Set())).toBe(false);
  });
});

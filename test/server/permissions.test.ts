/**
 * Issue 9.2: auth never fails open. Walks every route the server really registers
 * (collected by installAuth's onRoute hook) × every role and no key against THE
 * permission table (src/server/auth/route-permissions.ts). On the old code revoking
 * the last key opened every route again; here it stays locked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime } from '../../src/runtime.js';
import { createAuth, type Auth } from '../../src/server/auth/auth.js';
import { createServer } from '../../src/server/create-server.js';
import { roles, type Role } from '../../src/server/auth/roles.js';
import {
  accessFor,
  mayCall,
  routeKey,
  routePermissions,
} from '../../src/server/auth/route-permissions.js';
import { registeredRoutes } from '../../src/server/http/auth-hook.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startHarness, type Harness } from './harness.js';

const dir = await mkdtemp(join(tmpdir(), 'shipgate-permissions-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

let counter = 0;
async function keyStore(): Promise<Store> {
  return openStore(`sqlite:${join(dir, `keys-${++counter}.db`)}`);
}

function concrete(url: string): string {
  return url.replace(/:(\w+)/g, 'does-not-exist-$1').replace(/\*$/, 'x');
}

async function call(h: Harness, method: string, url: string, key?: string) {
  const res = await h.app.inject({
    method: method as 'GET',
    url: concrete(url),
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }),
  });
  const json = res.headers['content-type']?.toString().includes('json') === true;
  return {
    status: res.statusCode,
    code: json ? res.json<{ error?: { code?: string } }>().error?.code : undefined,
  };
}

describe('the permission table against every registered route', () => {
  let h: Harness;
  let store: Store;
  let auth: Auth;
  const keys = new Map<Role, string>();

  beforeAll(async () => {
    store = await keyStore();
    auth = createAuth({ store });
    h = await startHarness({ auth });
    for (const role of roles) keys.set(role, (await auth.createKey({ name: role, role })).key);
  });
  afterAll(async () => {
    await h.close();
    await store.close();
  });

  it('has exactly one entry per registered route, agreeing with what routes declare', async () => {
    await h.app.ready();
    const routes = registeredRoutes(h.app);
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes
      .map((r) => routeKey(r.method, r.url))
      .filter((key) => accessFor(...(key.split(' ') as [string, string])) === undefined);
    expect(
      missing,
      `routes without an entry in routePermissions (src/server/auth/route-permissions.ts) are ` +
        `unreachable: add one line each, and a row to docs/serve.md: ${missing.join(', ')}`,
    ).toEqual([]);
    const registeredKeys = new Set(routes.map((r) => routeKey(r.method, r.url)));
    const stale = Object.keys(routePermissions).filter((key) => !registeredKeys.has(key));
    expect(stale, `table entries for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
    for (const route of routes.filter((r) => r.declared !== undefined)) {
      expect(accessFor(route.method, route.url), `${route.method} ${route.url}`).toBe(
        route.declared,
      );
    }
  });

  it('answers every route × role × no key exactly as the table says', async () => {
    const failures: string[] = [];
    for (const route of registeredRoutes(h.app)) {
      const access = accessFor(route.method, route.url);
      for (const who of [...roles, null]) {
        const { status, code } = await call(
          h,
          route.method,
          route.url,
          who ? keys.get(who) : undefined,
        );
        const allowed = mayCall(access, who);
        const refused = status === 401 || (status === 403 && code === 'forbidden');
        const expected = allowed ? 'allowed' : who === null ? '401' : '403';
        const got = !refused ? 'allowed' : String(status);
        if (expected !== got)
          failures.push(
            `${route.method} ${route.url} as ${who ?? 'no key'}: expected ${expected}, got ${status} ${code ?? ''}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('deny by default', () => {
  it('revoking the last key locks the server instead of opening it (fails on the old code)', async () => {
    const store = await keyStore();
    const auth = createAuth({ store, enabledCacheMs: 0 });
    const h = await startHarness({ auth });
    try {
      expect((await call(h, 'GET', '/v1/models')).status).toBe(200); // never had a key: open
      const { key } = await auth.createKey({ name: 'only', role: 'admin' });
      expect((await call(h, 'GET', '/v1/models')).status).toBe(401);
      expect((await call(h, 'GET', '/v1/models', key)).status).toBe(200);
      expect(await auth.revokeKey('only')).toBe(true);
      for (const [route, access] of Object.entries(routePermissions)) {
        if (access === 'public' || route.includes(':')) continue;
        const [method, url] = route.split(' ') as [string, string];
        expect((await call(h, method, url)).status, route).toBe(401);
        expect((await call(h, method, url, key)).status, route).toBe(401);
      }
      expect((await call(h, 'GET', '/healthz')).status).toBe(200);
      expect([200, 503]).toContain((await call(h, 'GET', '/readyz')).status);
    } finally {
      await h.close();
      await store.close();
    }
  });

  it('auth.required locks every non-public route before any key exists', async () => {
    const store = await keyStore();
    const h = await startHarness({ auth: createAuth({ store, required: true }) });
    try {
      for (const [key, access] of Object.entries(routePermissions)) {
        const [method, url] = key.split(' ') as [string, string];
        const { status } = await call(h, method, url);
        if (access === 'public') expect(status, key).not.toBe(401);
        else expect(status, key).toBe(401);
      }
    } finally {
      await h.close();
      await store.close();
    }
  });

  it('a route missing from the table is unreachable (403), even with an admin key or no keys', async () => {
    const store = await keyStore();
    const auth = createAuth({ store });
    const h = await startHarness({ auth });
    h.app.get('/api/not-in-the-table', async () => ({ leaked: true }));
    try {
      const open = await h.app.inject({ method: 'GET', url: '/api/not-in-the-table' });
      expect(open.statusCode).toBe(403);
      expect(open.body).not.toContain('leaked');
      expect(open.json()).toMatchObject({ error: { code: 'forbidden' } });
      const { key } = await auth.createKey({ name: 'root', role: 'admin' });
      expect((await call(h, 'GET', '/api/not-in-the-table', key)).status).toBe(403);
    } finally {
      await h.close();
      await store.close();
    }
  });
});

describe('createServer without auth', () => {
  it('refuses to serve beyond loopback (nothing could refuse anyone)', async () => {
    const runtime = await createRuntime(
      parseConfig({ storage: { url: 'sqlite::memory:' } }, 'test'),
    );
    try {
      await expect(createServer({ runtime, host: '0.0.0.0' })).rejects.toMatchObject({
        code: 'config_invalid',
      });
      const local = await createServer({ runtime, host: '127.0.0.1' });
      await local.close();
    } finally {
      await runtime.close();
    }
  });
});

describe('/readyz', () => {
  it('says which check failed, never the error text', async () => {
    const h = await startHarness();
    try {
      await h.runtime.store.close();
      const res = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      const body = res.json<{
        ok: boolean;
        checks: Record<string, string>;
        error?: { message: string };
      }>();
      expect(body.ok).toBe(false);
      expect(body.checks.store).toBe('unavailable');
      for (const value of Object.values(body.checks))
        expect(['ok', 'unavailable', 'not_configured']).toContain(value);
      expect(body.error?.message).toBe('not ready: store unavailable');
      expect(res.body).not.toMatch(/database|connection|sqlite|closed|not open/i);
    } finally {
      await h.close().catch(() => undefined);
    }
  });
});

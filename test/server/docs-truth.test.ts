/**
 * Issue 9.9: the docs match the server. docs/serve.md lists every registered route
 * and only those, with the permission the code's table gives it; docs/auth.md and
 * SECURITY.md embed the generated route × role matrix; /openapi.json gives every
 * operation an operationId and the security the table says (public = `security: []`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionBlock, permissionDocs } from '../../src/server/auth/permission-docs.js';
import { accessFor, routeKey, routePermissions } from '../../src/server/auth/route-permissions.js';
import { registeredRoutes } from '../../src/server/http/auth-hook.js';
import { startHarness, type Harness } from './harness.js';

const root = join(import.meta.dirname, '..', '..');

/** `METHOD /path` → permission, from the table under "## Routes" in docs/serve.md. */
function documentedRoutes(): Map<string, string> {
  const text = readFileSync(join(root, 'docs', 'serve.md'), 'utf8');
  const section = text.slice(text.indexOf('\n## Routes'));
  const end = section.indexOf('\n#', 1);
  const rows = (end < 0 ? section : section.slice(0, end)).split('\n');
  const routes = new Map<string, string>();
  for (const row of rows) {
    const match = /^\| `(GET|POST|PUT|PATCH|DELETE) ([^`?\s]+)[^`]*` \| ([^|]+) \|/.exec(row);
    if (match) routes.set(`${match[1]} ${match[2]}`, match[3]!.trim());
  }
  return routes;
}

describe('documentation matches the server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.app.ready();
  });
  afterAll(() => h.close());

  it('docs/serve.md documents every registered route, only those, with the table’s permission', () => {
    const documented = documentedRoutes();
    const registered = registeredRoutes(h.app).map((r) => routeKey(r.method, r.url));
    const undocumented = registered.filter((key) => !documented.has(key));
    expect(
      undocumented,
      `add a row to the Routes table of docs/serve.md for: ${undocumented.join(', ')}`,
    ).toEqual([]);
    const ghosts = [...documented.keys()].filter((key) => !registered.includes(key));
    expect(ghosts, `docs/serve.md lists routes that do not exist: ${ghosts.join(', ')}`).toEqual(
      [],
    );
    for (const [key, permission] of documented) {
      const [method, url] = key.split(' ') as [string, string];
      expect(permission, `docs/serve.md permission of ${key}`).toBe(accessFor(method, url));
    }
  });

  it.each(permissionDocs)('%s embeds the current permission matrix', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text.includes(permissionBlock()), `${file} is stale: run npm run docs:permissions`).toBe(
      true,
    );
  });

  it('public routes are the health checks and the data-free dashboard shell, nothing else', () => {
    const publicRoutes = Object.entries(routePermissions)
      .filter(([, access]) => access === 'public')
      .map(([key]) => key);
    expect(
      publicRoutes.sort(),
      'a new public route needs a security review: update SECURITY.md and this list',
    ).toEqual(['GET /', 'GET /assets/*', 'GET /healthz', 'GET /readyz']);
  });

  it('/openapi.json: unique operationIds, security and permission per operation from the table', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json<{
      paths: Record<
        string,
        Record<
          string,
          { operationId?: string; security?: unknown[]; 'x-shipgate-permission'?: string }
        >
      >;
    }>();
    const ids = new Set<string>();
    const operations: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const fastifyUrl = path.replace(/\{\*\}/g, '*').replace(/\{(\w+)\}/g, ':$1');
        const key = routeKey(method, fastifyUrl);
        operations.push(key);
        expect(op.operationId, key).toMatch(/^[a-z][A-Za-z0-9]+$/);
        expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        const access = accessFor(method, fastifyUrl);
        expect(op['x-shipgate-permission'], key).toBe(access);
        if (access === 'public') expect(op.security, key).toEqual([]);
        else expect(op.security, key).toEqual([{ bearer: [] }, { apiKey: [] }]);
      }
    }
    const registered = registeredRoutes(h.app).map((r) => routeKey(r.method, r.url));
    expect(operations.sort()).toEqual([...registered].sort());
  });
});

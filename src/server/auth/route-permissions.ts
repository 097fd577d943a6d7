/**
 * THE permission table: every HTTP route the server registers → who may call it.
 * The auth hook enforces it, /openapi.json renders it (security per operation),
 * docs/auth.md and SECURITY.md are checked against it by a test. A route missing
 * here is unreachable (403), never public. Adding a route? Add one line below.
 * See docs/auth.md and ADR 0012.
 */
import { hasPermission, roles, type Permission, type Role } from './roles.js';

/** `public`: no key ever needed. Otherwise the permission a key's role must grant. */
export type RouteAccess = Permission | 'public';

/** `METHOD /url` exactly as registered with Fastify (`:param` placeholders kept). */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** Keep the order of docs/serve.md's route table. */
export const routePermissions: Readonly<Record<RouteKey, RouteAccess>> = {
  'POST /v1/chat/completions': 'inference',
  'POST /v1/completions': 'inference',
  'POST /v1/messages': 'inference',
  'GET /v1/models': 'models',
  'POST /api/generate': 'generate',
  'POST /api/validate': 'validate',
  // review reads code like validate does: admin, developer, ci
  'POST /api/review': 'validate',
  'POST /api/redact': 'validate',
  'POST /api/extract': 'validate',
  'POST /api/complete': 'inference',
  'POST /api/feedback': 'feedback',
  'GET /api/usage': 'usage',
  'GET /api/cost': 'usage',
  'GET /api/analytics': 'usage',
  'GET /api/audit': 'audit',
  'GET /metrics': 'metrics',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  // The spec names the models and providers: any key may read it.
  'GET /openapi.json': 'models',
  // The dashboard: static files holding no data (it asks for a key; the data is under /api).
  'GET /': 'public',
  'GET /assets/*': 'public',
  'GET /api/me': 'models',
  'GET /api/models': 'models',
  'GET /api/usage/series': 'usage',
  'GET /api/gates/series': 'usage',
  'GET /api/budgets': 'usage',
  'GET /api/audit/verify': 'audit',
  // async jobs (issue 14); DELETE and retry also need the job's own key or admin
  'GET /api/jobs': 'jobs',
  'GET /api/jobs/:id': 'jobs',
  'DELETE /api/jobs/:id': 'jobs',
  'POST /api/jobs/:id/retry': 'jobs',
  'GET /api/jobs/:id/deliveries': 'jobs',
  'POST /api/batches': 'generate',
  'GET /api/batches/:id': 'jobs',
};

/** The one place a request's method and route pattern become a table key (HEAD is GET). */
export function routeKey(method: string, url: string): string {
  const verb = method.toUpperCase();
  return `${verb === 'HEAD' ? 'GET' : verb} ${url}`;
}

/** The route's entry, or undefined when the table has none (the route is unreachable). */
export function accessFor(method: string, url: string): RouteAccess | undefined {
  const key = routeKey(method, url);
  return Object.hasOwn(routePermissions, key) ? routePermissions[key as RouteKey] : undefined;
}

/** Whether `role` (or no key: `null`) may call a route with this access, when keys are required. */
export function mayCall(access: RouteAccess | undefined, role: Role | null): boolean {
  if (access === undefined) return false;
  if (access === 'public') return true;
  return role !== null && hasPermission(role, access);
}

export interface PermissionRow {
  route: string;
  access: RouteAccess;
  /** One flag per role, in `roles` order, then "no key". */
  allowed: Record<Role | 'none', boolean>;
}

/** The table as rows, route × (each role, no key): what docs and SECURITY.md show. */
export function permissionMatrix(): PermissionRow[] {
  return Object.entries(routePermissions).map(([route, access]) => {
    const allowed = { none: mayCall(access, null) } as Record<Role | 'none', boolean>;
    for (const role of roles) allowed[role] = mayCall(access, role);
    return { route, access, allowed };
  });
}

/** The matrix as a Markdown table (docs/auth.md and SECURITY.md embed it verbatim). */
export function renderPermissionMarkdown(): string {
  const head = `| route | permission | ${roles.join(' | ')} | no key |`;
  const rule = `|---|---|${roles.map(() => ':-:').join('|')}|:-:|`;
  const rows = permissionMatrix().map((row) => {
    const cells = [...roles, 'none' as const].map((who) => (row.allowed[who] ? '✓' : ''));
    return `| \`${row.route}\` | ${row.access} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

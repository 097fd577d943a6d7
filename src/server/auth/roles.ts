/**
 * Roles and permissions: who may call what. The table is data, exported so the
 * server's tests can iterate every role on every route (docs/auth.md).
 */

export const roles = ['admin', 'developer', 'ci', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'models',
  'inference',
  'generate',
  'validate',
  'feedback',
  'usage',
  'audit',
  'metrics',
  // async jobs (issue 14): read a job, its deliveries and batches; cancel/retry your own
  'jobs',
] as const;
export type Permission = (typeof permissions)[number];

/** Role → the permissions it grants. `developer`'s `usage` is scoped to its own key (see `usageScope`). */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  admin: permissions,
  developer: ['models', 'inference', 'generate', 'validate', 'feedback', 'usage', 'jobs'],
  ci: ['models', 'inference', 'generate', 'validate', 'feedback', 'jobs'],
  viewer: ['models', 'usage', 'audit', 'metrics', 'jobs'],
};

const granted: ReadonlyMap<Role, ReadonlySet<Permission>> = new Map(
  roles.map((role) => [role, new Set(rolePermissions[role])]),
);

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return granted.get(role)?.has(permission) ?? false;
}

/**
 * Whose records a role may read with `usage`: admin and viewer see every key's,
 * developer only its own. (Other permissions are not scoped.)
 */
export function usageScope(role: Role): 'all' | 'own' {
  return role === 'developer' ? 'own' : 'all';
}

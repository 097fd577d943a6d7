import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { permissions, rolePermissions, roles } from '../auth/roles.js';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import type { ServerDeps } from '../server-deps.js';

const meSchema = z.object({
  name: z.string().describe('The key name, or "local" when the server needs no key'),
  role: z.enum(roles),
  permissions: z.array(z.enum(permissions)),
  keyRequired: z.boolean(),
});

/**
 * GET /api/me: who the caller is and what its role may do. Clients (the dashboard)
 * use it to check a key and hide what the role cannot do; the server still enforces.
 */
export function registerApiMe(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/me',
    {
      config: { permission: 'models' },
      schema: {
        operationId: 'getMe',
        summary: 'The calling key: name, role and the permissions it grants',
        tags: ['api'],
        response: { 200: jsonResponse(meSchema, 'The caller'), ...errorResponses },
      },
    },
    async (request) => {
      const principal = request.shipgate.principal;
      const keyRequired = deps.auth ? await deps.auth.enabled() : false;
      // Without a key requirement every caller acts as the local operator (loopback only).
      const role = principal?.role ?? 'admin';
      return {
        name: principal?.name ?? 'local',
        role,
        permissions: [...rolePermissions[role]],
        keyRequired,
      };
    },
  );
}

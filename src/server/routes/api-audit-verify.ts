import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { errorResponses, jsonResponse } from '../schemas/json-schema.js';
import type { ServerDeps } from '../server-deps.js';

const verifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().describe('Rows checked, up to and including the first bad one'),
  firstBadSeq: z.number().optional(),
  reason: z.string().optional(),
  headSeq: z.number().optional(),
  headHash: z.string().optional(),
});

/** GET /api/audit/verify: walks the audit log's hash chain (what `shipgate audit verify` does). */
export function registerApiAuditVerify(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit' },
      schema: {
        operationId: 'verifyAuditChain',
        summary: "Verify the audit log's hash chain; names the first broken row",
        tags: ['api'],
        response: { 200: jsonResponse(verifySchema, 'Verification result'), ...errorResponses },
      },
    },
    async () => {
      const audit = deps.audit;
      if (!audit?.verify) {
        throw new ShipgateError(ErrorCode.NotFound, 'the audit log is not enabled on this server');
      }
      return audit.verify();
    },
  );
}

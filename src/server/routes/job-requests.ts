/**
 * What the job routes share: the caller as a job owner, the request's
 * Idempotency-Key scoped to its API key, and the jobs service or a clear 503.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { bodyHash, parseIdempotencyKey, type IdempotencyScope } from '../../jobs/idempotency.js';
import type { JobOwner } from '../../jobs/job-types.js';
import type { JobSystem } from '../../jobs/job-system.js';
import type { ServerDeps } from '../server-deps.js';

export function requireJobs(deps: ServerDeps): JobSystem {
  if (deps.jobs) return deps.jobs;
  throw new ShipgateError(
    ErrorCode.StoreUnavailable,
    'async jobs and Idempotency-Key are not enabled in this server (start it with `shipgate serve`)',
  );
}

export function ownerOf(request: FastifyRequest): JobOwner {
  const principal = request.shipgate.principal;
  return principal ? { id: principal.keyId, name: principal.name } : { id: 'local', name: 'local' };
}

/** The request's Idempotency-Key scoped to its API key, or null when none was sent. */
export function idempotencyOf(request: FastifyRequest, body: unknown): IdempotencyScope | null {
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  if (key === null) return null;
  return { scope: ownerOf(request).id, key, bodyHash: bodyHash(body) };
}

/** Sends a stored answer; a replay says so in `Idempotent-Replayed: true`. */
export function sendAnswer(
  reply: FastifyReply,
  answer: { status: number; body: unknown; replayed: boolean },
): unknown {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(answer.status);
  return answer.body;
}

/** Admins (and the keyless local principal) act on any job; others on their own. */
export function mayActOn(request: FastifyRequest, ownerId: string | null | undefined): boolean {
  const principal = request.shipgate.principal;
  if (!principal || principal.role === 'admin') return true;
  return ownerId === principal.keyId;
}

/** Admins and viewers read any job; developer and ci keys read their own. */
export function mayRead(request: FastifyRequest, ownerId: string | null | undefined): boolean {
  const principal = request.shipgate.principal;
  if (!principal || principal.role === 'admin' || principal.role === 'viewer') return true;
  return ownerId === principal.keyId;
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LightAbortController } from '../../lib/light-abort.js';
import type { Permission, Principal } from '../ports.js';

/** Per-request state the server keeps: timing (overhead = total − upstream wait), who asked, cancel. */
export interface RequestState {
  startedAt: number;
  /** Milliseconds spent waiting on upstreams (counted out of the overhead). */
  upstreamMs: number;
  principal: Principal | null;
  /** Aborted when the client goes away before the response finished. */
  abort: LightAbortController;
}

declare module 'fastify' {
  interface FastifyRequest {
    shipgate: RequestState;
  }
  interface FastifyContextConfig {
    /** The permission a route needs; routes without one are public (health, spec, status page). */
    permission?: Permission;
  }
}

const requestIdPattern = /^[\w.:-]{1,128}$/;

/** Honours a sane incoming `x-request-id`, else makes one. */
export function genRequestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}

export function overheadMs(request: { shipgate: RequestState }): number {
  const state = request.shipgate;
  const total = performance.now() - state.startedAt;
  return Math.max(0, Math.round((total - state.upstreamMs) * 100) / 100);
}

/** A request's state from now; its `abort` fires when the client leaves before the answer finished. */
export function startRequestState(res: ServerResponse): RequestState {
  const abort = new LightAbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort(clientGone());
  });
  return { startedAt: performance.now(), upstreamMs: 0, principal: null, abort };
}

/** Sets up the state, echoes the request id and wires client-disconnect → abort. */
export function installRequestState(app: FastifyInstance): void {
  app.decorateRequest('shipgate', null as unknown as RequestState);
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    request.shipgate = startRequestState(reply.raw);
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('x-shipgate-overhead-ms'))
      reply.header('x-shipgate-overhead-ms', String(overheadMs(request)));
    if (!reply.hasHeader('x-shipgate-cache')) reply.header('x-shipgate-cache', 'miss');
    done(null, payload);
  });
}

function clientGone(): Error {
  const error = new Error('the client closed the connection');
  error.name = 'AbortError';
  return error;
}

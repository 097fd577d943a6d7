import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { ShipgateError } from '../../errors.js';
import type { EgressScope } from '../../policy/egress-scope.js';
import { authorizeRequest, observeOnClose } from '../http/auth-hook.js';
import { egressContext } from '../http/egress-hook.js';
import { sendError } from '../http/error-handler.js';
import { parseJsonBody, readBody, type BodyLimits } from '../http/json-body.js';
import { startRequestState } from '../http/request-state.js';
import type { AuditPort, AuthPort, MetricsPort } from '../ports.js';
import type { InferenceHandler } from '../routes/inference-target.js';
import { LeanReply } from './lean-reply.js';
import { LeanRequest } from './lean-request.js';

export interface LeanPathOptions {
  /** Route pattern → its handler: the hot `/v1` inference routes only. */
  routes: ReadonlyMap<string, InferenceHandler>;
  auth: AuthPort | undefined;
  metrics: MetricsPort | undefined;
  hostGuard: ((headers: IncomingHttpHeaders) => ShipgateError | null) | null;
  egress: { scope: EgressScope; audit: AuditPort | undefined } | null;
  limits: BodyLimits;
  logger: FastifyBaseLogger;
}

const plusJson = /^application\/[\w.+-]*\+json$/;

/** A JSON body is coming: the only kind the hot routes parse (anything else: Fastify answers). */
function hasJsonBody(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  if (type === undefined) return false;
  const semicolon = type.indexOf(';');
  const media = (semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase();
  if (media !== 'application/json' && !plusJson.test(media)) return false;
  const length = headers['content-length'];
  return length !== undefined ? length !== '0' : headers['transfer-encoding'] !== undefined;
}

/**
 * The lean path for the hot `/v1` inference routes (issue 10.5, ADR 0036): in front
 * of Fastify, the same steps in the same order — request state, metrics, Host check,
 * the permission table, the egress scope, the bounded JSON body, the route's own
 * handler, the shared error shape — without Fastify's per-request objects, hook
 * runner and reply pipeline. Whatever it does not take (other routes and methods,
 * other bodies, a closing server) Fastify serves as before.
 */
export class LeanPath {
  /** Set when the server starts closing: Fastify then answers 503. */
  closing = false;
  readonly #options: LeanPathOptions;

  constructor(options: LeanPathOptions) {
    this.#options = options;
  }

  /** Serves the request when it is a hot inference call; false: Fastify's to serve. */
  tryServe(raw: IncomingMessage, res: ServerResponse): boolean {
    if (this.closing || raw.method !== 'POST' || raw.url === undefined) return false;
    const query = raw.url.indexOf('?');
    const route = query < 0 ? raw.url : raw.url.slice(0, query);
    const handler = this.#options.routes.get(route);
    if (!handler || !hasJsonBody(raw.headers)) return false;
    this.#serve(raw, res, route, handler).catch((error: unknown) => {
      this.#options.logger.error({ err: error }, 'lean path failed');
      res.destroy();
    });
    return true;
  }

  async #serve(
    raw: IncomingMessage,
    res: ServerResponse,
    route: string,
    handler: InferenceHandler,
  ): Promise<void> {
    const { metrics, egress } = this.#options;
    const request = new LeanRequest(raw, route, startRequestState(res), this.#options.logger);
    const reply = new LeanReply(res, request);
    reply.header('x-request-id', request.id);
    if (metrics) observeOnClose(metrics, request, res);
    try {
      const refused = this.#options.hostGuard?.(raw.headers);
      if (refused) {
        reply.header('connection', 'close'); // nothing more to say to that page
        throw refused;
      }
      await authorizeRequest(this.#options.auth, request);
      const answer = (): Promise<void> => this.#answer(raw, request, reply, handler);
      if (!egress) await answer();
      else await egress.scope.run(egressContext(request, egress.audit), answer);
    } catch (error) {
      this.#fail(request, reply, error);
    }
  }

  async #answer(
    raw: IncomingMessage,
    request: LeanRequest,
    reply: LeanReply,
    handler: InferenceHandler,
  ): Promise<void> {
    try {
      request.body = parseJsonBody(await readBody(raw, this.#options.limits));
    } catch (error) {
      reply.header('connection', 'close'); // as Fastify: the client may still be sending
      throw error;
    }
    await handler(request, reply);
  }

  #fail(request: LeanRequest, reply: LeanReply, error: unknown): void {
    if (!reply.sent) {
      sendError(request, reply, error, this.#options.metrics);
      return;
    }
    request.log.error({ err: error }, 'request failed after its answer started');
    if (!reply.raw.writableEnded) reply.raw.destroy();
  }
}

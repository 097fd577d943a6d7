import type { FastifyError, FastifyInstance } from 'fastify';
import { ErrorCode, isShipgateError, ShipgateError, toShipgateError } from '../../errors.js';
import { headerSafe } from '../../gateway/model-label.js';
import type { MetricsPort } from '../ports.js';
import type { ExchangeReply, ExchangeRequest } from './exchange.js';
import { statusFor, wireTypeFor } from './error-status.js';

/** The one error body: `{ error: { code, message, type, …details } }` (+ `type:"error"` for Anthropic routes). */
export interface ErrorBody {
  type?: 'error';
  error: { code: string; message: string; type: string; [detail: string]: unknown };
}

/** Details safe and useful for a client, by error code. */
const publicDetails = ['known', 'attempts', 'resetAt', 'limit', 'gates'] as const;

interface Rendered {
  status: number;
  body: ErrorBody;
  retryAfterMs: number | undefined;
}

/** Fastify's own errors (parsing, limits, routing) keep their 4xx status. */
function fromFastify(error: FastifyError): Rendered | null {
  const status = error.statusCode;
  if (typeof error.code !== 'string' || !error.code.startsWith('FST_') || status === undefined)
    return null;
  if (status >= 500) return null;
  const code =
    status === 413
      ? ErrorCode.PayloadTooLarge
      : status === 415
        ? ErrorCode.UnsupportedMediaType
        : status === 408
          ? ErrorCode.RequestTimeout
          : status === 404
            ? ErrorCode.NotFound
            : ErrorCode.BadRequest;
  const message = error.message.replace(/^FST_\w+: /, '');
  return {
    status,
    body: { error: { code, message, type: wireTypeFor(status) } },
    retryAfterMs: undefined,
  };
}

export function renderError(thrown: unknown): Rendered {
  if (!isShipgateError(thrown)) {
    const native = fromFastify(thrown as FastifyError);
    if (native) return native;
  }
  const error: ShipgateError = toShipgateError(thrown);
  const status = statusFor(error);
  const extra: Record<string, unknown> = {};
  for (const key of publicDetails) {
    if (error.details?.[key] !== undefined) extra[key] = error.details[key];
  }
  const message =
    error.code === ErrorCode.Internal ? 'internal error (see the server log)' : error.message;
  return {
    status,
    body: { error: { code: error.code, message, type: wireTypeFor(status), ...extra } },
    retryAfterMs: status === 429 || status === 503 ? error.retryAfterMs : undefined,
  };
}

/** Sends an error response in the shared shape; usable outside Fastify's handler (hijacked replies). */
export function sendError(
  request: ExchangeRequest,
  reply: ExchangeReply,
  thrown: unknown,
  metrics?: MetricsPort,
): ExchangeReply {
  const rendered = renderError(thrown);
  if (rendered.status >= 500) request.log.error({ err: thrown }, 'request failed');
  else request.log.info({ code: rendered.body.error.code }, 'request rejected');
  metrics?.countError(rendered.body.error.code);
  // The rest of an oversized or stalled body is not worth reading: close after answering.
  if (rendered.status === 408 || rendered.status === 413) reply.header('connection', 'close');
  if (rendered.retryAfterMs !== undefined)
    reply.header('retry-after', String(Math.max(1, Math.ceil(rendered.retryAfterMs / 1000))));
  // a call that tried candidates says how many, as a successful one does (x-shipgate-*)
  const attempts = rendered.body.error.attempts;
  if (Array.isArray(attempts)) {
    reply.header('x-shipgate-attempts', String(attempts.length));
    const last = attempts.at(-1) as { model?: unknown } | undefined;
    if (typeof last?.model === 'string') reply.header('x-shipgate-model', headerSafe(last.model));
  }
  const body = request.url.startsWith('/v1/messages')
    ? { type: 'error' as const, ...rendered.body }
    : rendered.body;
  return reply.code(rendered.status).type('application/json').send(body);
}

export function installErrorHandlers(app: FastifyInstance, metrics?: MetricsPort): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error, metrics));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new ShipgateError(ErrorCode.NotFound, `no route ${request.method} ${request.url}`),
      metrics,
    ),
  );
}

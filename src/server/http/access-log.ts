import type { FastifyInstance } from 'fastify';
import { overheadMs } from './request-state.js';

/**
 * Fastify's own request logging (two info lines per request, "incoming request"
 * and "request completed") is off: at gateway rates it was a measurable share of
 * the CPU, and metrics plus the audit log already record every call. Errors are
 * still logged by the error handler (5xx at error, 4xx at info). At `debug` this
 * adds one line per finished request (streams included: it listens on the raw
 * `close`), decided once at startup so `info` pays nothing.
 */
export function installAccessLog(app: FastifyInstance): void {
  if (app.log.level !== 'debug' && app.log.level !== 'trace') return;
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.once('close', () => {
      request.log.debug(
        {
          method: request.method,
          url: request.url,
          status: reply.raw.statusCode,
          ms: Math.round((performance.now() - request.shipgate.startedAt) * 100) / 100,
          overheadMs: overheadMs(request),
          aborted: !reply.raw.writableFinished,
        },
        'request finished',
      );
    });
    done();
  });
}

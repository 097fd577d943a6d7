/**
 * Fastify's own floor (own process): one bare Fastify route that parses the JSON body
 * and proxies it with the same undici Pool settings shipgate uses, streaming the
 * upstream body back. No auth, metering, audit, metrics or logging: what is left
 * when shipgate does nothing of its own.
 */
import Fastify from 'fastify';
import { floorPool } from './floor-pool.js';

const upstreamPort = Number(process.argv[2]);
const pool = floorPool(upstreamPort);
const app = Fastify({ logger: false });

app.post('/v1/chat/completions', async (request, reply) => {
  const abort = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });
  const res = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {
      'content-type': 'application/json',
      authorization: request.headers.authorization ?? '',
    },
    body: JSON.stringify(request.body),
    signal: abort.signal,
  });
  return reply
    .code(res.statusCode)
    .header('content-type', String(res.headers['content-type'] ?? 'application/json'))
    .send(res.body);
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(url).port) })}\n`);

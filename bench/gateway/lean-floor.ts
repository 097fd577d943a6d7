/**
 * The lean path's own floor (own process): a node:http server that does what any
 * gateway that rewrites the request must do and nothing else — read the JSON body,
 * parse it, serialise it again, POST it with the same undici Pool settings shipgate
 * uses, and stream the upstream's answer back (a client that leaves aborts the
 * upstream request). No auth, validation, routing, metering, audit, metrics or
 * logging: shipgate's lean path minus everything of its own, so the distance between
 * the two is shipgate's pipeline and nothing else.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { floorPool } from './floor-pool.js';

const upstreamPort = Number(process.argv[2]);
const pool = floorPool(upstreamPort);

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

const server = createServer((req, res) => {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  void (async () => {
    const upstream = await pool.request({
      method: 'POST',
      path: req.url ?? '/',
      headers: {
        'content-type': 'application/json',
        authorization: req.headers.authorization ?? '',
      },
      body: JSON.stringify(await readJson(req)),
      signal: abort.signal,
    });
    res.writeHead(upstream.statusCode, {
      'content-type': String(upstream.headers['content-type'] ?? 'application/json'),
    });
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  })().catch(() => res.destroy());
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});

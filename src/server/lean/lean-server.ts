import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import type { LeanPath } from './lean-path.js';

function whole(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Fastify's `serverFactory`: one node:http server that offers each request to the
 * lean path first and hands the rest to Fastify. The path is read per request, so
 * it can be made after Fastify (it needs the routes' dependencies). The timeouts
 * are the ones Fastify sets on a server it makes itself.
 */
export function leanServerFactory(path: () => LeanPath | null): FastifyServerFactory {
  return (fastifyHandler: Handler, options): Server => {
    const server = createServer((req, res) => {
      if (!path()?.tryServe(req, res)) fastifyHandler(req, res);
    });
    server.keepAliveTimeout = whole(options.keepAliveTimeout, 72_000);
    server.requestTimeout = whole(options.requestTimeout, 0);
    server.setTimeout(whole(options.connectionTimeout, 0));
    const perSocket = whole(options.maxRequestsPerSocket, 0);
    if (perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { defaultDashboardDir, loadDashboardFiles, type StaticFile } from './dashboard-assets.js';

/**
 * The shell may load only itself: scripts and styles from this origin, data from
 * this origin's /api routes, never framed (clickjacking), no plugins.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shipgate</title></head>
<body><main><h1>shipgate</h1><p>The dashboard is not built. Run <code>npm run build:web</code>
and restart the server. The API is at <code>/api</code>; its description at <code>/openapi.json</code>.</p></main></body></html>`;

function send(reply: FastifyReply, file: StaticFile) {
  return reply
    .header('content-type', file.type)
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('content-security-policy', contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(file.body);
}

/**
 * GET / and GET /assets/*: the dashboard (a static single-page app, public like any
 * login page: it holds no data and asks for an API key). Falls back to a page that
 * says how to build it.
 */
export function registerDashboard(app: FastifyInstance, dir = defaultDashboardDir()): void {
  const files = loadDashboardFiles(dir);
  const index = files.get('/index.html') ?? {
    body: Buffer.from(notBuilt),
    type: 'text/html; charset=utf-8',
    immutable: false,
  };
  app.get(
    '/',
    {
      schema: {
        operationId: 'getDashboard',
        summary: 'The dashboard (static single-page app; data comes from /api with a key)',
        tags: ['ops'],
        response: {
          200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
        },
      },
    },
    async (_request, reply) => send(reply, index),
  );
  app.get(
    '/assets/*',
    {
      schema: {
        operationId: 'getDashboardAsset',
        summary: "The dashboard's scripts and styles (content-hashed, cached for a year)",
        tags: ['ops'],
        response: { 200: { description: 'A static file', content: { '*/*': { schema: {} } } } },
      },
    },
    async (request, reply) => {
      const wildcard = (request.params as { '*'?: string })['*'] ?? '';
      const file = files.get(`/assets/${wildcard}`);
      if (file === undefined) {
        throw new ShipgateError(ErrorCode.NotFound, `no dashboard asset /assets/${wildcard}`);
      }
      return send(reply, file);
    },
  );
}

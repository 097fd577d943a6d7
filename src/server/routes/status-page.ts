import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server-deps.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GET / — a minimal status page (the dashboard replaces it later). */
export function registerStatusPage(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/',
    {
      schema: {
        summary: 'Status page',
        tags: ['ops'],
        response: {
          200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
        },
      },
    },
    async (_request, reply) => {
      const models = deps.gateway.registry.list();
      const providers = Object.values(deps.runtime.config.providers);
      const meter = deps.gateway.meter.stats();
      const rows = models
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.alias)}</td><td>${escapeHtml(m.provider)}</td><td>${escapeHtml(m.modelId)}</td></tr>`,
        )
        .join('');
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>shipgate</title></head><body>
<h1>shipgate</h1>
<p>Providers: ${escapeHtml(providers.map((p) => `${p.name} (${p.kind})`).join(', ') || 'none')}</p>
<p>Mode: ${deps.runtime.store.kind === 'postgres' ? 'scale-out' : 'embedded'} · usage queued ${meter.queued}, written ${meter.written}, dropped ${meter.dropped}</p>
<table><thead><tr><th>model</th><th>provider</th><th>id</th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="/openapi.json">OpenAPI</a> · <a href="/metrics">metrics</a> · <a href="/readyz">readiness</a></p>
</body></html>`;
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}

/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: Fastify replies with text/html built from the `title` query parameter in a helper.
import Fastify from 'fastify';

const app = Fastify();

function renderPage(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

app.get<{ Querystring: { title?: string } }>('/preview', async (request, reply) => {
  const { title = 'Preview' } = request.query;
  const html = renderPage(title, `<h1>${title}</h1><p>This is how your page will look.</p>`);
  reply.type('text/html').send(html);
});

app.listen({ port: 3000 });

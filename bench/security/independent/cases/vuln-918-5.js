/* eslint-disable */
// @ts-nocheck
// VULN CWE-918: a substring block-list on "localhost" is trivially bypassed (127.0.0.1, 169.254.169.254, ...).
const fastify = require('fastify')();
const got = require('got');

function isBlocked(url) {
  return url.includes('localhost') || url.includes('internal');
}

fastify.post('/import/rss', async (request, reply) => {
  const { feedUrl } = request.body;
  if (isBlocked(feedUrl)) {
    return reply.code(400).send({ error: 'URL not allowed' });
  }
  const xml = await got(feedUrl, { timeout: { request: 5000 } }).text();
  return reply.send({ size: xml.length });
});

fastify.listen({ port: 3000 });

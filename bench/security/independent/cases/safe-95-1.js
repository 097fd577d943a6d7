/* eslint-disable */
// @ts-nocheck
// SAFE CWE-95 look-alike: request payload is parsed with JSON.parse, never evaluated.
const fastify = require('fastify')({ logger: true });

function parsePayload(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

fastify.post('/import', async (request, reply) => {
  const { payload } = request.body;
  const data = parsePayload(payload);
  if (data === null) {
    return reply.code(400).send({ error: 'payload must be valid JSON' });
  }
  return reply.send({ imported: Array.isArray(data) ? data.length : 1 });
});

fastify.listen({ port: 3000 });

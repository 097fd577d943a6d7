/* eslint-disable */
// @ts-nocheck
// VULN CWE-95: legacy "relaxed JSON" parsing evaluates the request payload with eval.
const fastify = require('fastify')({ logger: true });

function parseRelaxedJson(text) {
  // supports single quotes and trailing commas that JSON.parse rejects
  return eval('(' + text + ')');
}

fastify.post('/import', async (request, reply) => {
  const { payload } = request.body;
  const data = parseRelaxedJson(payload);
  const count = Array.isArray(data) ? data.length : 1;
  return reply.send({ imported: count });
});

fastify.listen({ port: 3000 });

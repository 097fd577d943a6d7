/* eslint-disable */
// @ts-nocheck
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
fastify.get('/export/:id', async (request, reply) => {
  const stream = createReadStream(join('/exports', request.params.id));
  return reply.type('application/octet-stream').send(stream);
});

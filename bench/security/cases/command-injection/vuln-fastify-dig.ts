/* eslint-disable */
// @ts-nocheck
import Fastify from 'fastify';
import * as childProcess from 'child_process';
const app = Fastify();
app.get('/dns', async (request, reply) => {
  const { name } = request.query as { name: string };
  const result = childProcess.execSync('dig +short ' + name, { encoding: 'utf8' });
  return reply.send({ result });
});

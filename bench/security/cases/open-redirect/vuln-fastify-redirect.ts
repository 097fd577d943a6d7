/* eslint-disable */
// @ts-nocheck
fastify.get('/go', async (request, reply) => {
  const { to } = request.query;
  return reply.redirect(302, to);
});

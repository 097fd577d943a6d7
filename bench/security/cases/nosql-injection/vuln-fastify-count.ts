/* eslint-disable */
// @ts-nocheck
app.post('/exists', async (request, reply) => {
  const n = await request.server.mongo.db
    .collection('users')
    .countDocuments({ name: request.body.name });
  return { exists: n > 0 };
});

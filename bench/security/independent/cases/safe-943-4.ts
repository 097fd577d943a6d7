/* eslint-disable */
// @ts-nocheck
// SAFE CWE-943 look-alike: the id is converted to an ObjectId (throws on anything else) before findOne.
import Fastify from 'fastify';
import { MongoClient, ObjectId } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL!);
const app = Fastify();

app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
  if (!ObjectId.isValid(request.params.id)) {
    return reply.code(400).send({ error: 'bad id' });
  }
  const order = await client
    .db('shop')
    .collection('orders')
    .findOne({ _id: new ObjectId(request.params.id) });
  return order ?? reply.code(404).send();
});

app.listen({ port: 3000 });

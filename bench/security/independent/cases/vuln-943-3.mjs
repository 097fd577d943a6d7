/* eslint-disable */
// @ts-nocheck
// VULN CWE-943: the whole client-provided filter object is used as a MongoDB query.
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { MongoClient } from 'mongodb';

const client = await MongoClient.connect(process.env.MONGO_URL);
const products = client.db('store').collection('products');

const app = new Koa();
app.use(bodyParser());

app.use(async (ctx) => {
  if (ctx.path === '/products/search' && ctx.method === 'POST') {
    const { filter = {}, limit = 20 } = ctx.request.body;
    ctx.body = await products.find(filter).limit(Number(limit)).toArray();
  }
});

app.listen(3000);

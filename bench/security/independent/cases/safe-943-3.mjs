/* eslint-disable */
// @ts-nocheck
// SAFE CWE-943 look-alike: the owner value is wrapped in $eq and the query uses no $where.
import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL);
const app = express();

app.get('/api/documents', async (req, res) => {
  const owner = req.query.owner;
  const docs = await client
    .db('app')
    .collection('documents')
    .find({ owner: { $eq: owner }, deleted: { $ne: true } })
    .limit(50)
    .toArray();
  res.json(docs);
});

app.listen(3000);

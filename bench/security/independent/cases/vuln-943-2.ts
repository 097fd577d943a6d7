/* eslint-disable */
// @ts-nocheck
// VULN CWE-943: $where clause built with the owner name from the query string (server-side JS injection).
import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL!);
const app = express();

app.get('/api/documents', async (req, res) => {
  const owner = String(req.query.owner ?? '');
  const docs = await client
    .db('app')
    .collection('documents')
    .find({ $where: `this.owner === '${owner}' && !this.deleted` })
    .limit(50)
    .toArray();
  res.json(docs);
});

export default app;

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-943 look-alike: zod guarantees string fields before they reach the Mongo query.
import express from 'express';
import { MongoClient } from 'mongodb';
import { z } from 'zod';

const client = new MongoClient(process.env.MONGO_URL!);
const app = express();
app.use(express.json());

const ResetSchema = z.object({
  email: z.string().email(),
  token: z.string().regex(/^[a-f0-9]{64}$/),
});

app.post('/auth/reset/verify', async (req, res) => {
  const parsed = ResetSchema.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'invalid request' });
  const { email, token } = parsed.data;
  const user = await client.db('app').collection('users').findOne({ email, resetToken: token });
  res.json({ valid: Boolean(user) });
});

export default app;

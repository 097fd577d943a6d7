/* eslint-disable */
// @ts-nocheck
// VULN CWE-916: sign-up stores an unsalted MD5 digest of the password.
const express = require('express');
const crypto = require('crypto');
const db = require('./db');

const app = express();
app.use(express.json());

function hashPassword(password) {
  return crypto.createHash('md5').update(password).digest('hex');
}

app.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  await db.users.insert({ email, passwordHash: hashPassword(password) });
  res.status(201).json({ email });
});

app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await db.users.findByEmail(email);
  if (!user || user.passwordHash !== hashPassword(password)) return res.status(401).end();
  res.json({ ok: true });
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-916 look-alike: passwords are hashed with bcrypt (cost 12).
const express = require('express');
const bcrypt = require('bcrypt');
const db = require('./db');

const app = express();
app.use(express.json());

app.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = await bcrypt.hash(String(password), 12);
  await db.users.insert({ email, passwordHash });
  res.status(201).json({ email });
});

app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await db.users.findByEmail(email);
  if (!user || !(await bcrypt.compare(String(password), user.passwordHash))) {
    return res.status(401).end();
  }
  res.json({ ok: true });
});

app.listen(3000);

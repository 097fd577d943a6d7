/* eslint-disable */
// @ts-nocheck
// SAFE CWE-943 look-alike: credentials are coerced to strings and the password is checked with bcrypt.
const express = require('express');
const bcrypt = require('bcrypt');
const User = require('./models/user');

const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const username = String(req.body.username || '');
  const password = String(req.body.password || '');
  const user = await User.findOne({ username });
  const ok = user ? await bcrypt.compare(password, user.passwordHash) : false;
  if (!ok) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

module.exports = app;

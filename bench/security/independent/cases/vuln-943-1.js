/* eslint-disable */
// @ts-nocheck
// VULN CWE-943: login passes JSON body fields straight into a Mongoose query ({"$ne": null} bypass).
const express = require('express');
const mongoose = require('mongoose');
const User = require('./models/user');

const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const user = await User.findOne({
    username: req.body.username,
    password: req.body.password,
  });
  if (!user) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

mongoose.connect(process.env.MONGO_URL).then(() => app.listen(3000));

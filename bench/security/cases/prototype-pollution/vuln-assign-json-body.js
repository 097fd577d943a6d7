/* eslint-disable */
const express = require('express');
const app = express();
app.use(express.json());
const profiles = new Map();
app.patch('/profile', (req, res) => {
  const profile = profiles.get(req.session.userId);
  Object.assign(profile, req.body);
  res.json(profile);
});

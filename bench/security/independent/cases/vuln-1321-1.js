/* eslint-disable */
// @ts-nocheck
// VULN CWE-1321: recursive merge of the JSON body into settings copies "__proto__" keys onto Object.prototype.
const express = require('express');

const app = express();
app.use(express.json());

const settings = { theme: 'light', notifications: { email: true, sms: false } };

function merge(target, source) {
  for (const key in source) {
    if (source[key] && typeof source[key] === 'object') {
      if (!target[key]) target[key] = {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

app.patch('/settings', (req, res) => {
  merge(settings, req.body);
  res.json(settings);
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-1321 look-alike: recursive merge skips __proto__/constructor/prototype and inherited keys.
const express = require('express');

const app = express();
app.use(express.json());

const settings = { theme: 'light', notifications: { email: true, sms: false } };
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!Object.hasOwn(target, key) || typeof target[key] !== 'object') target[key] = {};
      safeMerge(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

app.patch('/settings', (req, res) => {
  safeMerge(settings, req.body);
  res.json(settings);
});

app.listen(3000);

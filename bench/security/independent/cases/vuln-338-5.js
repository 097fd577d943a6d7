/* eslint-disable */
// @ts-nocheck
// VULN CWE-338: password-reset tokens come from Math.random.
const express = require('express');
const { sendResetEmail } = require('./mailer');
const db = require('./db');

const app = express();
app.use(express.json());

function generateResetToken() {
  return Math.random().toString(36).substring(2) + Math.random().toString(36).substring(2);
}

app.post('/forgot-password', async (req, res) => {
  const user = await db.users.findByEmail(String(req.body.email));
  if (user) {
    const token = generateResetToken();
    await db.resetTokens.insert({ userId: user.id, token, expiresAt: Date.now() + 3600_000 });
    await sendResetEmail(user.email, `https://app.example.com/reset?token=${token}`);
  }
  res.json({ ok: true });
});

app.listen(3000);

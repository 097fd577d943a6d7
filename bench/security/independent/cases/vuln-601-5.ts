/* eslint-disable */
// @ts-nocheck
// VULN CWE-601: startsWith('/') check lets protocol-relative "//evil.example" through.
import express from 'express';

const app = express();

function isLocal(target: string): boolean {
  return target.startsWith('/');
}

app.get('/logout', (req, res) => {
  const target = String(req.query.to ?? '/');
  req.session?.destroy?.(() => undefined);
  res.redirect(isLocal(target) ? target : '/');
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: the search term is HTML-escaped before being echoed with res.send.
const express = require('express');
const { searchArticles } = require('./search');

const app = express();

function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

app.get('/search', async (req, res) => {
  const q = String(req.query.q || '');
  const results = await searchArticles(q);
  const items = results
    .map(
      (r) => `<li><a href="/articles/${encodeURIComponent(r.id)}">${escapeHtml(r.title)}</a></li>`,
    )
    .join('');
  res.send(
    `<!doctype html><html><body><h1>Results for "${escapeHtml(q)}"</h1><ul>${items}</ul></body></html>`,
  );
});

app.listen(3000);

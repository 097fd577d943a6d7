/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: reflected XSS, the search term is echoed into an HTML response with res.send.
const express = require('express');
const { searchArticles } = require('./search');

const app = express();

app.get('/search', async (req, res) => {
  const q = req.query.q || '';
  const results = await searchArticles(q);
  const items = results.map((r) => `<li><a href="/articles/${r.id}">${r.title}</a></li>`).join('');
  res.send(`<!doctype html>
<html><body>
  <h1>Results for "${q}"</h1>
  <ul>${items}</ul>
</body></html>`);
});

app.listen(3000);

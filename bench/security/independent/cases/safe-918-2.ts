/* eslint-disable */
// @ts-nocheck
// SAFE CWE-918 look-alike: fixed GitHub API host; the username is URL-encoded into the path only.
import express from 'express';

const app = express();

app.get('/api/github/:username', async (req, res) => {
  const username = encodeURIComponent(req.params.username);
  const response = await fetch(`https://api.github.com/users/${username}`, {
    headers: { Accept: 'application/vnd.github+json' },
  });
  if (!response.ok) return res.status(response.status).end();
  const { login, name, public_repos } = await response.json();
  res.json({ login, name, public_repos });
});

app.listen(3000);

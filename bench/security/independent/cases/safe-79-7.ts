/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: only a parsed integer page number is interpolated into the HTML response.
import express from 'express';

const app = express();

app.get('/gallery', (req, res) => {
  const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
  const prev = page > 1 ? `<a href="/gallery?page=${page - 1}">Previous</a>` : '';
  res.send(
    `<html><body><h1>Gallery, page ${page}</h1>${prev}<a href="/gallery?page=${page + 1}">Next</a></body></html>`,
  );
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: res.sendFile with the `root` option rejects paths that climb out of root.
import express from 'express';
import path from 'node:path';

const app = express();
const UPLOADS = path.resolve('uploads');

app.get('/files/:name', (req, res, next) => {
  res.sendFile(req.params.name, { root: UPLOADS, dotfiles: 'deny' }, (err) => {
    if (err) next(err);
  });
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: path.basename strips any directory components before joining.
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const DOCS_DIR = path.join(__dirname, 'documents');

app.get('/documents/:name', (req, res) => {
  const fileName = path.basename(req.params.name);
  const filePath = path.join(DOCS_DIR, fileName);
  fs.readFile(filePath, (err, data) => {
    if (err) return res.status(404).send('Not found');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.send(data);
  });
});

app.listen(3000);

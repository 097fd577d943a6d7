/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: path.join does not stop "../" in the route parameter from escaping the documents folder.
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const DOCS_DIR = path.join(__dirname, 'documents');

app.get('/documents/:name', (req, res) => {
  const filePath = path.join(DOCS_DIR, req.params.name);
  fs.readFile(filePath, (err, data) => {
    if (err) return res.status(404).send('Not found');
    res.setHeader('Content-Disposition', `attachment; filename="${path.basename(filePath)}"`);
    res.send(data);
  });
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// SAFE CWE-1321 look-alike: shallow object spread of a parsed body defines own properties only.
const http = require('http');

const defaults = { pageSize: 20, sort: 'recent', includeArchived: false };

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    let body = {};
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const options = { ...defaults, ...body };
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(options));
  });
});

server.listen(3000);

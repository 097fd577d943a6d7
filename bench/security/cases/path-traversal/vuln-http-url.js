/* eslint-disable */
const http = require('http');
const fs = require('fs');
http
  .createServer((req, res) => {
    const file = './public' + decodeURIComponent(req.url);
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404);
        return res.end();
      }
      res.end(data);
    });
  })
  .listen(3000);

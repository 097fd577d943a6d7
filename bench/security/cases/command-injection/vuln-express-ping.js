/* eslint-disable */
const express = require('express');
const { exec } = require('child_process');
const app = express();
app.get('/ping', (req, res) => {
  exec('ping -c 3 ' + req.query.host, (err, stdout) => {
    res.type('text').send(stdout);
  });
});

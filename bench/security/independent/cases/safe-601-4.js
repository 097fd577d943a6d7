/* eslint-disable */
// @ts-nocheck
// SAFE CWE-601 look-alike: only single-slash relative paths are accepted ("//" and "/\\" are rejected).
const express = require('express');

const app = express();

function isSafeLocalPath(target) {
  return (
    typeof target === 'string' &&
    target.startsWith('/') &&
    !target.startsWith('//') &&
    !target.startsWith('/\\')
  );
}

app.get('/logout', (req, res) => {
  const target = req.query.to;
  res.clearCookie('sid');
  res.redirect(isSafeLocalPath(target) ? target : '/');
});

app.listen(3000);

/* eslint-disable */
// @ts-nocheck
// VULN CWE-327: crypto.createCipher derives key and IV with MD5 and no salt (deprecated API).
const crypto = require('crypto');

const SECRET = process.env.DATA_KEY;

function encrypt(text) {
  const cipher = crypto.createCipher('aes-256-cbc', SECRET);
  let encrypted = cipher.update(text, 'utf8', 'hex');
  encrypted += cipher.final('hex');
  return encrypted;
}

function decrypt(encrypted) {
  const decipher = crypto.createDecipher('aes-256-cbc', SECRET);
  let decrypted = decipher.update(encrypted, 'hex', 'utf8');
  decrypted += decipher.final('utf8');
  return decrypted;
}

module.exports = { encrypt, decrypt };

/* eslint-disable */
// @ts-nocheck
// VULN CWE-327: legacy integration encrypts payloads with single DES.
const crypto = require('crypto');

const KEY = Buffer.from(process.env.LEGACY_KEY, 'hex'); // 8 bytes

exports.encryptForMainframe = function (payload) {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-cbc', KEY, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return iv.toString('hex') + ':' + data.toString('hex');
};
